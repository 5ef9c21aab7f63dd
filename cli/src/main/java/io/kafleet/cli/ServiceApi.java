package io.kafleet.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A kafleet service's REST API, as the CLI uses it. Every call returns JSON or throws. */
final class ServiceApi {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final String service;
  private final URI server;
  private final Optional<String> token;

  ServiceApi(String service, String server, Optional<String> token) {
    this.service = service;
    this.server = URI.create(server.endsWith("/") ? server : server + "/");
    this.token = token;
  }

  /** Where the calls go, and whether they carry a token: for tests of how both are chosen. */
  String describe() {
    return service + " at " + server + (token.isPresent() ? " with a token" : " without a token");
  }

  JsonNode get(String path) {
    return send(HttpRequest.newBuilder(resolve(path)).timeout(TIMEOUT).GET());
  }

  JsonNode post(String path, String contentType, String body) {
    return post(path, contentType, body, TIMEOUT);
  }

  /** A call the service may take long to answer (e.g. a leave, which waits for an agent). */
  JsonNode post(String path, String contentType, String body, Duration timeout) {
    return send(
        HttpRequest.newBuilder(resolve(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .timeout(timeout));
  }

  JsonNode delete(String path) {
    return send(HttpRequest.newBuilder(resolve(path)).timeout(TIMEOUT).DELETE());
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private URI resolve(String path) {
    return server.resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  private JsonNode send(HttpRequest.Builder request) {
    token.ifPresent(bearer -> request.header("Authorization", "Bearer " + bearer));
    HttpRequest built = request.build();
    HttpResponse<String> response;
    try {
      response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new CliException(
          "cannot reach "
              + service
              + " at "
              + server
              + " ("
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted calling " + built.uri());
    }
    JsonNode body = response.body().isBlank() ? JSON.nullNode() : parse(response.body());
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      throw new CliException(refused(response.statusCode(), body, response.body()));
    }
    if (response.statusCode() >= 400) {
      if (body.path("violations").size() > 1) {
        List<String> violations = new ArrayList<>();
        body.path("violations").forEach(v -> violations.add(problem(v, response.body())));
        throw new CliException(String.join("; ", violations));
      }
      throw new CliException(problem(body, response.body()));
    }
    return body;
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
