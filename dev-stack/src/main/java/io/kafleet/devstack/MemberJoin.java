package io.kafleet.devstack;

import io.kafleet.agent.AgentSettings;
import io.kafleet.sealing.SealingKeys;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a dev stack member gets what its agent logs in and opens Secrets with, as a real cluster
 * does: its own X25519 sealing key pair and a join through placement-service's API ({@code POST
 * /api/v1/clusters/{name}/join}, as admin), which creates its topics, its Kafka user and exactly
 * its ACLs, and records it with its public key.
 *
 * <p>Across restarts on the same state directory: the private key is kept in {@code
 * clusters/<name>.sealing-key} (owner-only), so the Secrets sealed for the member still open; the
 * Kafka password is kept nowhere. A member that joined before (Kafka keeps its credential) is
 * rotated instead ({@code POST .../rotate}): its agent gets a new password at each start, as after
 * {@code kafleet cluster rotate}; when its key was lost, the new public key is recorded through
 * {@code PUT .../admission}.
 */
final class MemberJoin {

  /** What the agent gets: its {@code KAFLEET_KAFKA_*} variables and its private key. */
  record AgentAccess(Map<String, String> kafkaVariables, String sealingPrivateKey) {

    /** Never prints the password or the key. */
    @Override
    public String toString() {
      return "AgentAccess[variables=" + kafkaVariables.keySet() + "]";
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final HttpClient http;
  private final String placementUrl;
  private final String adminToken;

  /**
   * @param tls trusts placement-service's certificate
   */
  MemberJoin(String placementUrl, String adminToken, SSLContext tls) {
    this.placementUrl = placementUrl;
    this.adminToken = adminToken;
    this.http = HttpClient.newBuilder().sslContext(tls).build();
  }

  /** Joins (or, when it joined before, rotates) the cluster; returns its agent's access. */
  AgentAccess join(String cluster, Map<String, String> labels, Path stateDirectory) {
    MemberKeys keys = MemberKeys.loadOrCreate(stateDirectory, cluster);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("labels", labels);
    body.put("sealingPublicKey", keys.publicKey());
    HttpResponse<String> joined = post("/api/v1/clusters/" + cluster + "/join", body);
    JsonNode login;
    if (joined.statusCode() == 201) {
      login = JSON.readTree(joined.body()).path("kafka");
    } else if (joined.statusCode() == 409) {
      HttpResponse<String> rotated = post("/api/v1/clusters/" + cluster + "/rotate", null);
      require(rotated, 200, "rotate of " + cluster);
      login = JSON.readTree(rotated.body()).path("kafka");
      if (keys.created()) {
        recordKey(cluster, keys);
      }
    } else {
      throw failure(joined, "join of " + cluster);
    }
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put(
        AgentSettings.KAFKA_PROPERTY_PREFIX + "SECURITY_PROTOCOL",
        login.path("securityProtocol").asString());
    variables.put(
        AgentSettings.KAFKA_PROPERTY_PREFIX + "SASL_MECHANISM", login.path("mechanism").asString());
    variables.put(
        AgentSettings.KAFKA_PROPERTY_PREFIX + "SASL_JAAS_CONFIG",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + login.path("username").asString()
            + "\" password=\""
            + login.path("password").asString()
            + "\";");
    String trusted = login.path("trustedCertificates").asString("");
    if (!trusted.isBlank()) {
      // As the join manifest sets them: the agent trusts the brokers by the stack's CA.
      variables.put(AgentSettings.KAFKA_PROPERTY_PREFIX + "SSL_TRUSTSTORE_TYPE", "PEM");
      variables.put(AgentSettings.KAFKA_PROPERTY_PREFIX + "SSL_TRUSTSTORE_CERTIFICATES", trusted);
    }
    return new AgentAccess(variables, keys.privateKey());
  }

  /**
   * On a PLAINTEXT broker there is nothing to log in with: only the member's sealing key is
   * recorded, through its admission, so that its Secrets still travel sealed.
   */
  AgentAccess admitWithoutCredentials(String cluster, Path stateDirectory) {
    MemberKeys keys = MemberKeys.loadOrCreate(stateDirectory, cluster);
    recordKey(cluster, keys);
    return new AgentAccess(Map.of(), keys.privateKey());
  }

  private void recordKey(String cluster, MemberKeys keys) {
    require(
        send(
            "PUT",
            "/api/v1/clusters/" + cluster + "/admission",
            Map.of("accepted", true, "sealingPublicKey", keys.publicKey())),
        200,
        "recording the sealing key of " + cluster);
  }

  /**
   * The member's X25519 key pair (base64 PKCS#8 and X.509 DER), kept in {@code
   * clusters/<name>.sealing-key} (owner-only).
   */
  private record MemberKeys(String privateKey, String publicKey, boolean created) {

    static MemberKeys loadOrCreate(Path stateDirectory, String cluster) {
      Path file = stateDirectory.resolve("clusters").resolve(cluster + ".sealing-key");
      try {
        Properties stored = new Properties();
        if (Files.exists(file)) {
          try (Reader reader = Files.newBufferedReader(file)) {
            stored.load(reader);
          }
          String privateKey = stored.getProperty("private", "").strip();
          String publicKey = stored.getProperty("public", "").strip();
          if (!privateKey.isEmpty() && !publicKey.isEmpty()) {
            return new MemberKeys(privateKey, publicKey, false);
          }
        }
        KeyPair pair = SealingKeys.generate();
        MemberKeys keys =
            new MemberKeys(
                SealingKeys.encode(pair.getPrivate()), SealingKeys.encode(pair.getPublic()), true);
        stored.setProperty("private", keys.privateKey());
        stored.setProperty("public", keys.publicKey());
        Files.createDirectories(file.getParent());
        try (Writer writer = Files.newBufferedWriter(DevTokens.ownerOnly(file))) {
          stored.store(writer, "sealing key pair of member cluster " + cluster + " (X25519)");
        }
        return keys;
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot keep the sealing key of " + cluster + " in " + file, e);
      }
    }

    @Override
    public String toString() {
      return "MemberKeys[publicKey=" + publicKey + "]";
    }
  }

  private HttpResponse<String> post(String path, Object body) {
    return send("POST", path, body);
  }

  /** Retries while placement-service is not leading yet (503): it starts moments before. */
  private HttpResponse<String> send(String method, String path, Object body) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    try {
      while (true) {
        HttpRequest request =
            HttpRequest.newBuilder(URI.create(placementUrl + path))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .method(
                    method,
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 503 || System.nanoTime() > deadline) {
          return response;
        }
        Thread.sleep(500);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + method + " " + path, e);
    }
  }

  private static void require(HttpResponse<String> response, int status, String what) {
    if (response.statusCode() != status) {
      throw failure(response, what);
    }
  }

  private static IllegalStateException failure(HttpResponse<String> response, String what) {
    return new IllegalStateException(
        what + " answered " + response.statusCode() + ": " + response.body());
  }
}
