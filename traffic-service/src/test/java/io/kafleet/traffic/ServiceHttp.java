package io.kafleet.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
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
    return Awaitility.await("an answer other than 503")
        .atMost(Duration.ofSeconds(60))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + TrafficApp.ADMIN_TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                    HttpResponse.BodyHandlers.ofString()),
            response -> response.statusCode() != 503);
  }

  public static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  /** Polls the JSON at {@code url} until it satisfies {@code wanted}; fails with the last body. */
  public static JsonNode await(String url, String what, Predicate<JsonNode> wanted)
      throws Exception {
    AtomicReference<String> body = new AtomicReference<>("");
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              HttpResponse<String> response = get(url);
              body.set(response.body());
              assertThat(response.statusCode() == 200 && wanted.test(json(body.get())))
                  .as("GET %s showing %s; last body: %s", url, what, body.get())
                  .isTrue();
            });
    return json(body.get());
  }
}
