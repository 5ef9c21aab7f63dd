package io.kafleet.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafleet.kafka.embedded.BrokerSettings;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes probes of placement-service: live while it serves, ready only once it knows the
 * leader and, leading, has read the topics it rebuilds the fleet from. The fault comes from
 * outside: the service starts while its broker is down.
 */
class PlacementProbesIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  // Nothing is deserialized here: no registry is needed, and none answers there.
  private static final String NO_REGISTRY = "http://127.0.0.1:9";

  @Test
  void readyOnlyOnceItHasReadItsTopicsAndKnowsTheLeader(@TempDir Path directory) throws Exception {
    EmbeddedKafkaBroker stopped = EmbeddedKafkaBroker.start(BrokerSettings.in(directory));
    stopped.kill();
    int port = freePort();
    CompletableFuture<PlacementApp> starting =
        CompletableFuture.supplyAsync(
            () ->
                PlacementApp.start(
                    stopped,
                    NO_REGISTRY,
                    "probes.",
                    "--server.port=" + port,
                    "--kafleet.leadership.session-timeout=6s"));
    String base = "http://127.0.0.1:" + port;
    // Whatever fails, the service started here stops with the test.
    try (AutoCloseable stopsWithTheTest = () -> starting.thenAccept(PlacementApp::close);
        EmbeddedKafkaBroker broker = awaitLiveWithoutKafka(starting, base, stopped)) {
      try (PlacementApp leader = starting.join()) {
        assertThat(leader.url("/")).isEqualTo(base + "/");
        HttpResponse<String> ready =
            await("readiness UP once the broker is back")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> get(base + "/actuator/health/readiness"), r -> r.statusCode() == 200);
        assertThat(ready.body()).contains("\"status\":\"UP\"");
        assertThat(ServiceHttp.get(base + "/api/v1/objects").statusCode())
            .as("the leader serves")
            .isEqualTo(200);

        try (PlacementApp standby = PlacementApp.start(broker, NO_REGISTRY, "probes.")) {
          HttpResponse<String> standbyReady =
              await("the standby's readiness UP")
                  .atMost(Duration.ofSeconds(60))
                  .pollInterval(Duration.ofMillis(250))
                  .until(
                      () -> get(standby.url("/actuator/health/readiness")),
                      r -> r.statusCode() == 200);
          assertThat(standbyReady.body()).contains("\"status\":\"UP\"");
          assertThat(ServiceHttp.get(standby.url("/api/v1/objects")).statusCode())
              .as("a ready standby still leaves the fleet's API to the leader")
              .isEqualTo(503);
          assertThat(ServiceHttp.get(standby.url("/api/v1/events")).statusCode())
              .as("the standby serves the console's fleet events: it reads them too")
              .isEqualTo(200);
        }
      }
    }
  }

  /**
   * Waits until the service, started without Kafka, serves: live, and not ready since it cannot
   * know a leader without a broker. Then starts the broker again, on its ports and data.
   */
  private static EmbeddedKafkaBroker awaitLiveWithoutKafka(
      CompletableFuture<PlacementApp> starting, String base, EmbeddedKafkaBroker stopped)
      throws Exception {
    HttpResponse<String> live =
        await("liveness UP without Kafka")
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptionsInstanceOf(IOException.class) // not listening yet
            .pollInterval(Duration.ofMillis(250))
            .until(
                () -> {
                  if (starting.isCompletedExceptionally()) {
                    starting.join();
                  }
                  return get(base + "/actuator/health/liveness");
                },
                r -> r.statusCode() == 200);
    assertThat(live.body()).contains("\"status\":\"UP\"");
    HttpResponse<String> notReady = get(base + "/actuator/health/readiness");
    assertThat(notReady.statusCode()).as(notReady.body()).isEqualTo(503);
    assertThat(notReady.body()).contains("\"status\":\"DOWN\"");
    assertThat(ServiceHttp.get(base + "/api/v1/events").body())
        .as("the fleet events without Kafka: none yet, and no wait")
        .isEqualTo("[]");
    assertThat(stopped.isRunning()).isFalse();
    return EmbeddedKafkaBroker.start(stopped.settings());
  }

  /** A GET without a token, as the kubelet probes. */
  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
