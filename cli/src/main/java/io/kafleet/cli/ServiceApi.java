package io.kafleet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A kafleet service's REST API, as the CLI uses it. Every call returns JSON or throws.
 *
 * <p>Calls go through {@link HttpURLConnection}, not {@code java.net.http.HttpClient}: building an
 * HttpClient sets up TLS (the default SSLContext and its trust store) even for a plain-HTTP call,
 * which cost a short command most of its time; HttpURLConnection does so only for https.
 */
final class ServiceApi {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final String service;
  private final URI server;
  private final Optional<String> token;
  private final Optional<Path> certificateAuthority;

  ServiceApi(String service, String server, Optional<String> token) {
    this(service, server, token, Optional.empty());
  }

  /**
   * @param certificateAuthority a PEM file of a CA trusted for https besides the system's ones
   */
  ServiceApi(
      String service, String server, Optional<String> token, Optional<Path> certificateAuthority) {
    this.service = service;
    this.server = URI.create(server.endsWith("/") ? server : server + "/");
    this.token = token;
    this.certificateAuthority = certificateAuthority;
  }

  /** Where the calls go, and whether they carry a token: for tests of how both are chosen. */
  String describe() {
    return service
        + " at "
        + server
        + (token.isPresent() ? " with a token" : " without a token")
        + certificateAuthority.map(file -> ", trusting " + file).orElse("");
  }

  JsonNode get(String path) {
    return send("GET", path, null, null, TIMEOUT);
  }

  JsonNode post(String path, String contentType, String body) {
    return post(path, contentType, body, TIMEOUT);
  }

  /** A call the service may take long to answer (e.g. a leave, which waits for an agent). */
  JsonNode post(String path, String contentType, String body, Duration timeout) {
    return send("POST", path, contentType, body, timeout);
  }

  JsonNode delete(String path) {
    return send("DELETE", path, null, null, TIMEOUT);
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private URI resolve(String path) {
    return server.resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  private JsonNode send(
      String method, String path, String contentType, String body, Duration timeout) {
    URI uri = resolve(path);
    int status;
    String answer;
    try {
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      if (connection instanceof HttpsURLConnection https && certificateAuthority.isPresent()) {
        https.setSSLSocketFactory(CertificateAuthority.socketFactory(certificateAuthority.get()));
      }
      connection.setRequestMethod(method);
      connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
      connection.setReadTimeout((int) timeout.toMillis());
      connection.setRequestProperty("Accept", "application/json");
      token.ifPresent(bearer -> connection.setRequestProperty("Authorization", "Bearer " + bearer));
      if (body != null) {
        connection.setRequestProperty("Content-Type", contentType);
        connection.setDoOutput(true);
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body.getBytes(StandardCharsets.UTF_8));
        }
      }
      status = connection.getResponseCode();
      InputStream stream =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      answer = stream == null ? "" : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (SSLException e) {
      throw new CliException(
          "cannot reach "
              + service
              + " at "
              + server
              + " over TLS ("
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + ")"
              + (certificateAuthority.isEmpty()
                  ? "; if its certificate is signed by your own CA, give that CA's PEM file with"
                      + " --certificate-authority, env KAFLEET_CA or the context's"
                      + " certificate-authority"
                  : "; trusted besides the system's CAs: " + certificateAuthority.get()));
    } catch (IOException | IllegalArgumentException e) {
      throw new CliException(
          "cannot reach "
              + service
              + " at "
              + server
              + " ("
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + ")");
    }
    JsonNode parsed = answer.isBlank() ? JSON.nullNode() : parse(answer);
    if (status == 401 || status == 403) {
      throw new CliException(refused(status, parsed, answer));
    }
    if (status >= 400) {
      if (parsed.path("violations").size() > 1) {
        List<String> violations = new ArrayList<>();
        parsed.path("violations").forEach(v -> violations.add(problem(v, answer)));
        throw new CliException(String.join("; ", violations));
      }
      throw new CliException(problem(parsed, answer));
    }
    return parsed;
  }

  /** Which service refused, how, why, and where a token comes from when none was sent. */
  private String refused(int status, JsonNode error, String raw) {
    String answer =
        service
            + " answered "
            + status
            + (status == 401 ? " Unauthorized: " : " Forbidden: ")
            + error.path("reason").asString(raw);
    return status == 401 && token.isEmpty()
        ? answer
            + " (no token was sent: give one with --token, env KAFLEET_TOKEN or a context in"
            + " $KAFLEET_CONFIG or ~/.kafleet/config)"
        : answer;
  }

  /**
   * {@code field: reason}, or the reason alone, or the raw answer when it is not the API's JSON.
   */
  private static String problem(JsonNode error, String raw) {
    String reason = error.path("reason").asString(raw);
    String field = error.path("field").asString("");
    return field.isEmpty() ? reason : field + ": " + reason;
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (RuntimeException e) {
      return JSON.getNodeFactory().stringNode(body);
    }
  }
}
