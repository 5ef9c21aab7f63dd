package io.kafleet.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The public HTTP APIs of placement-service and traffic-service, as a script would call them. */
final class Api {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * When an apply call was sent and when its answer had been read ({@link System#nanoTime}): what a
   * user waits for the call, and the start of what they wait for the object to arrive.
   */
  record ApplyCall(long sentAt, long returnedAt) {
    long nanos() {
      return returnedAt - sentAt;
    }
  }

  /** POST /api/v1/apply with a multi-document YAML body; fails unless 2xx. */
  ApplyCall apply(String placementUrl, String yaml) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(placementUrl + "/api/v1/apply?source=bench"))
            .header("Content-Type", "application/yaml")
            .header("Authorization", "Bearer " + Stack.TOKEN)
            .timeout(Duration.ofMinutes(5))
            .POST(HttpRequest.BodyPublishers.ofString(yaml))
            .build();
    // Taken once the request is built, just before the client writes it: the user's clock starts
    // when they send, not when the call returns.
    long sentAt = System.nanoTime();
    HttpResponse<String> response = send(request);
    long returnedAt = System.nanoTime();
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "apply answered " + response.statusCode() + ": " + response.body());
    }
    return new ApplyCall(sentAt, returnedAt);
  }

  /** POST /api/v1/shifts; returns the shift id. */
  String shift(String trafficUrl, String body) {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(trafficUrl + "/api/v1/shifts"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    if (response.statusCode() != 202) {
      throw new IllegalStateException(
          "shift answered " + response.statusCode() + ": " + response.body());
    }
    return json(response.body()).get("shiftId").asString();
  }

  /** GET a path; the status code, or -1 when nothing answers. */
  int status(String url) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Authorization", "Bearer " + Stack.TOKEN)
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  JsonNode get(String url) {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)));
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET " + url + " answered " + response.statusCode() + ": " + response.body());
    }
    return json(response.body());
  }

  /** Whether GET /api/v1/clusters lists the cluster as accepted and ready. */
  boolean clusterReady(String placementUrl, String cluster) {
    try {
      for (JsonNode node : get(placementUrl + "/api/v1/clusters")) {
        if (node.path("name").asString().equals(cluster)) {
          return node.path("ready").asBoolean() && node.path("accepted").asBoolean();
        }
      }
      return false;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    return send(request.header("Authorization", "Bearer " + Stack.TOKEN).build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (JacksonException e) {
      throw new IllegalStateException("not JSON: " + body, e);
    }
  }
}
