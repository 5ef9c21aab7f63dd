package io.kafleet.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** Calls, as admin, a running placement-service the way the CLI and scripts do. */
public final class ServiceHttp {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ServiceHttp() {}

  public static HttpResponse<String> get(String url) throws Exception {
    return asAdmin(HttpRequest.newBuilder(URI.create(url)));
  }

  public static HttpResponse<String> postYaml(String url, String body) throws Exception {
    return asAdmin(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/yaml")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public static HttpResponse<String> putJson(String url, String body) throws Exception {
    return asAdmin(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  public static HttpResponse<String> post(String url) throws Exception {
    return asAdmin(
        HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  public static HttpResponse<String> delete(String url) throws Exception {
    return asAdmin(HttpRequest.newBuilder(URI.create(url)).DELETE());
  }

  private static HttpResponse<String> asAdmin(HttpRequest.Builder request) throws Exception {
    return HTTP.send(
        request.header("Authorization", "Bearer " + PlacementApp.ADMIN_TOKEN).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Polls until the body holds the text; fails with the last body seen. */
  public static String awaitBodyContaining(String url, String expected) throws Exception {
    AtomicReference<String> body = new AtomicReference<>("");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              body.set(get(url).body());
              assertThat(body.get()).as("GET %s", url).contains(expected);
            });
    return body.get();
  }
}
