package io.kafleet.traffic;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls, as admin, a running traffic-service the way the CLI and scripts do. */
public final class ServiceHttp {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ServiceHttp() {}

  public static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + TrafficApp.ADMIN_TOKEN)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Posts JSON; while the service is still reading the fleet (503, nothing done) it retries. */
  public static HttpResponse<String> postJson(String url, String body) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Authorization", "Bearer " + TrafficApp.ADMIN_TOKEN)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 503 || System.nanoTime() > deadline) {
        return response;
      }
      Thread.sleep(200);
    }
  }

  public static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  /** Polls the JSON at {@code url} until it satisfies {@code wanted}; fails with the last body. */
  public static JsonNode await(String url, String what, Predicate<JsonNode> wanted)
      throws Exception {
    String body = "";
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = get(url);
      body = response.body();
      if (response.statusCode() == 200 && wanted.test(json(body))) {
        return json(body);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("GET " + url + " never showed " + what + "; last body: " + body);
  }
}
