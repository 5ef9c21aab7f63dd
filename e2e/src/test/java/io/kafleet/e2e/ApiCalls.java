package io.kafleet.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;

/**
 * Calls to the services' REST APIs as the tests make them: a bearer token per call, the answer's
 * body as text, and no checked exceptions. A call never waits longer than {@link #TIMEOUT}: the
 * tests wait for outcomes with Awaitility, not on a socket.
 */
public final class ApiCalls {

  public static final Duration TIMEOUT = Duration.ofMinutes(3);

  private final HttpClient http;

  private ApiCalls(HttpClient http) {
    this.http = http;
  }

  /** Trusting the dev stack's CA. */
  public static ApiCalls trusting(SSLContext trust) {
    return new ApiCalls(HttpClient.newBuilder().sslContext(trust).build());
  }

  /** Over plain HTTP, or HTTPS trusted by the JVM's defaults. */
  public static ApiCalls plain() {
    return new ApiCalls(HttpClient.newHttpClient());
  }

  public HttpResponse<String> get(String url, String token) {
    return send(request(url, token).GET().build());
  }

  public HttpResponse<String> post(String url, String token, String contentType, String body) {
    return send(post(request(url, token), contentType, body));
  }

  public HttpResponse<String> put(String url, String token, String contentType, String body) {
    return send(
        request(url, token)
            .header("Content-Type", contentType)
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** The call sent now; its answer comes later, or never when the service is killed. */
  public CompletableFuture<HttpResponse<String>> postAsync(
      String url, String token, String contentType, String body) {
    return http.sendAsync(
        post(request(url, token), contentType, body), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(String url, String token) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token);
  }

  private static HttpRequest post(HttpRequest.Builder request, String contentType, String body) {
    return request
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(request.method() + " " + request.uri(), e);
    }
  }
}
