package io.kafleet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.agent.metrics.AgentMetrics;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthServerTest {

  private final AtomicBoolean live = new AtomicBoolean(true);
  private final AtomicBoolean ready = new AtomicBoolean(false);
  private final HttpClient http = HttpClient.newHttpClient();
  private final AgentMetrics metrics = AgentMetrics.create("member-1");
  private HealthServer server;

  @BeforeEach
  void start() {
    server =
        HealthServer.start(
            0,
            new HealthServer.Probes() {
              @Override
              public boolean live() {
                return live.get();
              }

              @Override
              public boolean ready() {
                return ready.get();
              }
            },
            metrics);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void readyzFollowsReadiness() throws Exception {
    assertThat(status("GET", "/readyz")).as("/readyz before ready").isEqualTo(503);
    ready.set(true);
    assertThat(status("GET", "/readyz")).as("/readyz once ready").isEqualTo(200);
  }

  @Test
  void healthzFollowsLiveness() throws Exception {
    assertThat(status("GET", "/healthz")).as("/healthz while live").isEqualTo(200);
    live.set(false);
    assertThat(status("GET", "/healthz")).as("/healthz after a failure").isEqualTo(503);
  }

  @Test
  void metricsAreServedInThePrometheusTextFormatWithoutAToken() throws Exception {
    metrics.heartbeatSent();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
    assertThat(response.body())
        .contains("kafleet_agent_heartbeats_sent_total{cluster=\"member-1\"} 1.0");
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    ready.set(true);
    assertThat(status("GET", "/metricz")).as("unknown path").isEqualTo(404);
    assertThat(status("POST", "/readyz")).as("POST /readyz").isEqualTo(405);
  }

  @Test
  void aTakenPortIsAnErrorNamingTheVariable() {
    assertThatThrownBy(() -> HealthServer.start(server.port(), server2Probes(), metrics))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(HealthServer.PORT)
        .hasMessageContaining(String.valueOf(server.port()));
  }

  @Test
  void thePortComesFromTheEnvironment() {
    assertThat(HealthServer.port(new Environment(Map.of()))).isEqualTo(HealthServer.DEFAULT_PORT);
    assertThat(HealthServer.port(new Environment(Map.of(HealthServer.PORT, "9090"))))
        .isEqualTo(9090);
    for (String bad : new String[] {"0", "65536", "http", "-1"}) {
      assertThatThrownBy(() -> HealthServer.port(new Environment(Map.of(HealthServer.PORT, bad))))
          .as("port %s", bad)
          .isInstanceOf(InvalidSettingException.class)
          .hasMessage(HealthServer.PORT + ": '" + bad + "' is not a port (1-65535)");
    }
  }

  private static HealthServer.Probes server2Probes() {
    return new HealthServer.Probes() {
      @Override
      public boolean live() {
        return true;
      }

      @Override
      public boolean ready() {
        return true;
      }
    };
  }

  private int status(String method, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
