package io.kafleet.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kafleet.security.ApiSecurityConfiguration;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The forwarder on a real server, secured as placement-service is, in front of a JDK HTTP server
 * standing in for traffic-service, which records what reached it.
 */
class TrafficForwarderIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
  private static final CountDownLatch STREAM_MAY_END = new CountDownLatch(1);
  private static HttpServer traffic;
  private static ConfigurableApplicationContext placement;

  /** A request as traffic-service saw it. */
  record Received(
      String method, String path, String query, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> String.join(",", entry.getValue()))
          .findFirst()
          .orElse(null);
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import({ApiSecurityConfiguration.class, ConsoleConfiguration.class})
  static class Placement {}

  @BeforeAll
  static void start() throws IOException {
    traffic = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    traffic.createContext("/", TrafficForwarderIT::answer);
    traffic.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    traffic.start();
    placement = run("--kafleet.console.traffic-url=http://127.0.0.1:" + port(traffic) + "/");
  }

  @AfterAll
  static void stop() {
    STREAM_MAY_END.countDown();
    if (placement != null) {
      placement.close();
    }
    if (traffic != null) {
      traffic.stop(0);
    }
  }

  @BeforeEach
  void forget() {
    RECEIVED.clear();
  }

  private static void answer(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    RECEIVED.add(
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            exchange.getRequestURI().getRawQuery(),
            Map.copyOf(exchange.getRequestHeaders()),
            new String(body, StandardCharsets.UTF_8)));
    String path = exchange.getRequestURI().getPath();
    if (path.equals("/api/v1/events/stream")) {
      exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      try {
        STREAM_MAY_END.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      out.write("data: second\n\n".getBytes(StandardCharsets.UTF_8));
      exchange.close();
      return;
    }
    byte[] answer =
        ("{\"answered\":\"" + exchange.getRequestMethod() + " " + path + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("X-Traffic-Internal", "not for the browser");
    int status = 200;
    if (exchange.getRequestMethod().equals("POST")) {
      status = 202;
      exchange.getResponseHeaders().add("Location", "/api/v1/shifts/s1");
    } else if (path.endsWith("/missing")) {
      status = 404;
    }
    exchange.sendResponseHeaders(status, answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  @Test
  void aReadReachesTrafficServiceWithItsPathQueryAndHeadersAndComesBackAsAnswered()
      throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    url(placement, "/traffic/api/v1/rollouts?virtualService=default%2Fpodinfo"))
                .header("Authorization", "Bearer viewer-token")
                .header("Accept", "application/json")
                .header("Cookie", "session=secret")
                .header("X-Forwarded-Host", "evil")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"answered\":\"GET /api/v1/rollouts\"}");
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.headers().firstValue("X-Traffic-Internal")).isEmpty();
    assertThat(RECEIVED).hasSize(1);
    Received received = RECEIVED.get(0);
    assertThat(received.method()).isEqualTo("GET");
    assertThat(received.path()).isEqualTo("/api/v1/rollouts");
    assertThat(received.query()).isEqualTo("virtualService=default%2Fpodinfo");
    assertThat(received.header("Authorization")).isEqualTo("Bearer viewer-token");
    assertThat(received.header("Accept")).isEqualTo("application/json");
    assertThat(received.header("Cookie")).isNull();
    assertThat(received.header("X-Forwarded-Host")).isNull();
    assertThat(received.body()).isEmpty();

    HttpResponse<String> missing =
        HTTP.send(
            HttpRequest.newBuilder(url(placement, "/traffic/api/v1/virtualservices/a/missing"))
                .header("Authorization", "Bearer viewer-token")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(missing.statusCode()).as("traffic-service's own status").isEqualTo(404);
  }

  @Test
  void anOperatorsWriteCarriesItsBodyAndTheLocationComesBackOnTheForwardedPath() throws Exception {
    String shift = "{\"virtualService\":\"default/podinfo\",\"weights\":{\"green\":80}}";
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(url(placement, "/traffic/api/v1/shifts"))
                .header("Authorization", "Bearer operator-token")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(shift))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    assertThat(response.headers().firstValue("Location")).contains("/traffic/api/v1/shifts/s1");
    assertThat(RECEIVED).hasSize(1);
    Received received = RECEIVED.get(0);
    assertThat(received.method()).isEqualTo("POST");
    assertThat(received.path()).isEqualTo("/api/v1/shifts");
    assertThat(received.body()).isEqualTo(shift);
    assertThat(received.header("Content-Type")).isEqualTo("application/json");
    assertThat(received.header("Authorization")).isEqualTo("Bearer operator-token");
  }

  @Test
  void placementsOwnSecurityRefusesFirstAndNothingReachesTrafficService() throws Exception {
    HttpResponse<String> anonymous =
        HTTP.send(
            HttpRequest.newBuilder(url(placement, "/traffic/api/v1/rollouts")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);

    HttpResponse<String> viewerWrite =
        HTTP.send(
            HttpRequest.newBuilder(url(placement, "/traffic/api/v1/shifts"))
                .header("Authorization", "Bearer viewer-token")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(viewerWrite.statusCode()).as(viewerWrite.body()).isEqualTo(403);
    assertThat(viewerWrite.body()).contains("operator role required; token 'console-viewer'");

    assertThat(RECEIVED).as("requests that reached traffic-service").isEmpty();
  }

  @Test
  void theConsolesPageNeedsNoTokenWhileWhatItCallsDoes() throws Exception {
    HttpResponse<String> root =
        HTTP.send(
            HttpRequest.newBuilder(url(placement, "/")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith("/console/"));
    for (String page : List.of("/console/", "/console/index.html")) {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(url(placement, page)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(page).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    }
    HttpResponse<String> whoami =
        HTTP.send(
            HttpRequest.newBuilder(url(placement, "/api/v1/whoami")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(whoami.statusCode()).as("whoami without a token").isEqualTo(401);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // guards against a hang: the body is not buffered
  void aStreamArrivesPieceByPieceBeforeTrafficServiceEndsIt() throws Exception {
    HttpResponse<InputStream> response =
        HTTP.send(
            HttpRequest.newBuilder(url(placement, "/traffic/api/v1/events/stream"))
                .header("Authorization", "Bearer viewer-token")
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream");
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      // Read while traffic-service still holds its stream open.
      assertThat(lines.readLine()).isEqualTo("data: first");
      STREAM_MAY_END.countDown();
      List<String> rest = new ArrayList<>();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        rest.add(line);
      }
      assertThat(rest).containsExactly("", "data: second", "");
    }
  }

  @Test
  void unconfiguredIs503AndUnreachableIs502NamingTheUrl() throws Exception {
    try (ConfigurableApplicationContext unconfigured = run()) {
      HttpResponse<String> response = get(unconfigured, "/traffic/api/v1/virtualservices");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      assertThat(response.body())
          .isEqualTo(
              "{\"reason\":\"traffic-service is not configured: set"
                  + " kafleet.console.traffic-url\",\"field\":null}");
    }

    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String nowhere = "http://127.0.0.1:" + closedPort;
    try (ConfigurableApplicationContext unreachable =
        run("--kafleet.console.traffic-url=" + nowhere)) {
      HttpResponse<String> response = get(unreachable, "/traffic/api/v1/virtualservices");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
      assertThat(response.body())
          .startsWith("{\"reason\":\"traffic-service at " + nowhere + " is unreachable: ")
          .endsWith("\"field\":null}");
    }
  }

  @Test
  void anUnknownTrustBundleStopsTheStartNamingIt() {
    assertThatThrownBy(
            () ->
                run(
                        "--kafleet.console.traffic-url=https://127.0.0.1:1",
                        "--kafleet.console.traffic-ssl-bundle=no-such-bundle")
                    .close())
        .hasStackTraceContaining(
            "kafleet.console.traffic-ssl-bundle: no SSL bundle 'no-such-bundle'");
  }

  private static HttpResponse<String> get(ConfigurableApplicationContext app, String path)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(url(app, path))
            .header("Authorization", "Bearer viewer-token")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static ConfigurableApplicationContext run(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--kafleet.security.static-tokens[0].name=console-viewer",
                "--kafleet.security.static-tokens[0].role=viewer",
                "--kafleet.security.static-tokens[0].token=viewer-token",
                "--kafleet.security.static-tokens[1].name=console-operator",
                "--kafleet.security.static-tokens[1].role=operator",
                "--kafleet.security.static-tokens[1].token=operator-token"));
    all.addAll(List.of(args));
    return new SpringApplicationBuilder(Placement.class).run(all.toArray(String[]::new));
  }

  private static URI url(ConfigurableApplicationContext app, String path) {
    return URI.create(
        "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + path);
  }

  private static int port(HttpServer server) {
    return server.getAddress().getPort();
  }
}
