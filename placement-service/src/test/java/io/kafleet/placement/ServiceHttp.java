package io.kafleet.placement;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

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
    String body = "";
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      body = get(url).body();
      if (body.contains(expected)) {
        return body;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "GET " + url + " never contained " + expected + "; last body: " + body);
  }
}
