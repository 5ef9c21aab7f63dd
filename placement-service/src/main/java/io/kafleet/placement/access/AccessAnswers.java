package io.kafleet.placement.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kafleet.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What join and rotate answer: the only place the agent's password is ever shown. */
public final class AccessAnswers {

  private AccessAnswers() {}

  /**
   * How the agent logs in to Kafka.
   *
   * @param securityProtocol the agent's {@code security.protocol}
   * @param trustedCertificates over SASL_SSL, the PEM certificates the agent trusts the brokers'
   *     certificates by ({@code ssl.truststore.certificates}); null when the system's CAs do
   */
  public record KafkaLogin(
      String username,
      String password,
      String mechanism,
      String securityProtocol,
      @JsonInclude(JsonInclude.Include.NON_NULL) String trustedCertificates) {

    /** Never prints the password. */
    @Override
    public String toString() {
      return "KafkaLogin[username="
          + username
          + ", mechanism="
          + mechanism
          + ", securityProtocol="
          + securityProtocol
          + ", password=(hidden)]";
    }
  }

  /** The answer of a join. */
  public record Joined(
      String cluster, KafkaLogin kafka, Map<String, String> topics, Map<String, String> labels) {}

  /** The answer of a rotate. */
  public record Rotated(String cluster, KafkaLogin kafka) {}

  public static Joined joined(
      AgentCredentials credentials,
      AgentTransport transport,
      Topics topics,
      Map<String, String> labels) {
    String cluster = credentials.cluster();
    Map<String, String> names = new LinkedHashMap<>();
    names.put("executionSpace", topics.executionSpace(cluster));
    names.put("status", topics.status(cluster));
    names.put("query", topics.query(cluster));
    names.put("queryReply", topics.queryReply(cluster));
    return new Joined(cluster, login(credentials, transport), names, labels);
  }

  public static Rotated rotated(AgentCredentials credentials, AgentTransport transport) {
    return new Rotated(credentials.cluster(), login(credentials, transport));
  }

  /**
   * How agents reach the brokers: the security protocol and, over SASL_SSL, the CA certificates
   * (PEM) they trust the brokers by, when not the system's.
   */
  public record AgentTransport(String securityProtocol, Optional<String> trustedCertificates) {

    /** Over a protocol whose brokers the system's CAs vouch for (or that has no TLS). */
    public static AgentTransport of(String securityProtocol) {
      return new AgentTransport(securityProtocol, Optional.empty());
    }
  }

  /**
   * The PEM certificates agents trust the brokers by: the file configured for agents, else, over
   * SASL_SSL, placement-service's own PEM trust ({@code ssl.truststore.certificates}, or the file
   * of {@code ssl.truststore.location} with {@code ssl.truststore.type=PEM}): agents reach the same
   * brokers. Empty when the system's CAs serve.
   */
  public static Optional<String> agentTrustedCertificates(
      String securityProtocol,
      Optional<String> configuredFile,
      Map<String, String> placementProperties) {
    Optional<String> file = configuredFile.filter(path -> !path.isBlank());
    if (file.isEmpty() && !"SASL_SSL".equals(securityProtocol)) {
      return Optional.empty();
    }
    if (file.isEmpty() && "PEM".equalsIgnoreCase(placementProperties.get("ssl.truststore.type"))) {
      Optional<String> inline =
          Optional.ofNullable(placementProperties.get("ssl.truststore.certificates"))
              .filter(pem -> !pem.isBlank());
      if (inline.isPresent()) {
        return inline;
      }
      file =
          Optional.ofNullable(placementProperties.get("ssl.truststore.location"))
              .filter(path -> !path.isBlank());
    }
    return file.map(AccessAnswers::readPem);
  }

  private static String readPem(String file) {
    try {
      String pem = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
      if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
        throw new IllegalStateException(
            "the agents' trusted certificates file " + file + " holds no PEM certificate");
      }
      return pem;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the agents' trusted certificates from " + file, e);
    }
  }

  /**
   * The agent's security protocol: the one configured for agents, else placement-service's own when
   * it is a SASL one (agents reach the same brokers), else SASL_PLAINTEXT.
   */
  public static String agentSecurityProtocol(
      Optional<String> configured, Map<String, String> placementProperties) {
    return configured
        .filter(protocol -> !protocol.isBlank())
        .or(
            () ->
                Optional.ofNullable(placementProperties.get("security.protocol"))
                    .filter(protocol -> protocol.startsWith("SASL_")))
        .orElse("SASL_PLAINTEXT");
  }

  private static KafkaLogin login(AgentCredentials credentials, AgentTransport transport) {
    return new KafkaLogin(
        credentials.user(),
        credentials.password(),
        AgentCredentials.MECHANISM,
        transport.securityProtocol(),
        transport.trustedCertificates().orElse(null));
  }
}
