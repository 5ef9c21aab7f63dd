package io.kafleet.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/** Calls a registry's REST API as a Confluent client would. */
final class RegistryHttp {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String baseUrl;
  private final String authorization;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  RegistryHttp(String baseUrl) {
    this(baseUrl, null);
  }

  /**
   * @param userInfo {@code user:password} sent with basic auth, or null
   */
  RegistryHttp(String baseUrl, String userInfo) {
    this.baseUrl = baseUrl;
    this.authorization =
        userInfo == null
            ? null
            : "Basic "
                + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }

  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A registration or lookup body: {@code {"schema": "..."}}. */
  static String schemaBody(String schema) {
    return JSON.createObjectNode().put("schema", schema).toString();
  }

  Reply register(String subject, String schema) {
    return post("/subjects/" + encode(subject) + "/versions", schemaBody(schema));
  }

  Reply lookup(String subject, String schema) {
    return post("/subjects/" + encode(subject), schemaBody(schema));
  }

  Reply get(String path) {
    return send("GET", path, null, null);
  }

  Reply delete(String path) {
    return send("DELETE", path, null, null);
  }

  Reply post(String path, String body) {
    return send("POST", path, body, CONTENT_TYPE);
  }

  Reply put(String path, String body) {
    return send("PUT", path, body, CONTENT_TYPE);
  }

  Reply send(String method, String path, String body, String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(
          method + " " + path + (body == null ? "" : " " + body),
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body(),
          parse(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(String text) {
    try {
      return text.isEmpty() ? MissingNode.getInstance() : JSON.readTree(text);
    } catch (JacksonException e) {
      return MissingNode.getInstance();
    }
  }
}
