package io.kafleet.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.kafka.embedded.BrokerSettings;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes probes of traffic-service, run as its own JVM, when its broker is down as it
 * starts: it serves (live) and is not ready, since it cannot know a leader without Kafka; once the
 * broker is back it creates its topics, leads, and is ready. The fault comes from outside: the
 * broker is killed before the service starts.
 */
class TrafficProbesIT {

  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  // Nothing is serialized or deserialized here: no registry is needed, and none answers there.
  private static final String NO_REGISTRY = "http://127.0.0.1:9";

  @Test
  void liveButNotReadyWithoutKafkaAndReadyOnceTheBrokerIsBack(@TempDir Path directory)
      throws Exception {
    EmbeddedKafkaBroker stopped = EmbeddedKafkaBroker.start(BrokerSettings.in(directory));
    stopped.kill();
    assertThat(stopped.isRunning()).isFalse();
    Path log =
        Files.createDirectories(Path.of("target", "traffic-probes-it")).resolve("traffic.log");
    Files.deleteIfExists(log); // TrafficProcess appends: only this run's lines
    try (TrafficProcess process =
        TrafficProcess.start(
            "traffic",
            stopped,
            NO_REGISTRY,
            "probes.",
            log,
            "--kafleet.leadership.session-timeout=6s")) {
      awaitStatus(process, "/actuator/health/liveness", 200);
      assertThat(get(process, "/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
      HttpResponse<String> notReady = get(process, "/actuator/health/readiness");
      assertThat(notReady.statusCode()).as(notReady.body()).isEqualTo(503);
      assertThat(notReady.body()).contains("\"status\":\"DOWN\"");
      assertThat(ServiceHttp.get(process.url("/api/v1/rollouts/none")).statusCode())
          .as("no leader without Kafka: the API refuses")
          .isEqualTo(503);

      try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(stopped.settings())) {
        awaitStatus(process, "/actuator/health/readiness", 200);
        assertThat(get(process, "/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
        assertThat(ServiceHttp.get(process.url("/api/v1/rollouts/none")).statusCode())
            .as("the leader serves the API: an unknown rollout is not found")
            .isEqualTo(404);
        assertThat(
                ServiceHttp.json(ServiceHttp.get(process.url("/api/v1/leadership")).body())
                    .path("leader")
                    .asBoolean())
            .isTrue();
      }
    }
  }

  private static void awaitStatus(TrafficProcess process, String path, int status) {
    Awaitility.await(path + " answering " + status)
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              assertThat(process.isAlive()).as("its log:\n%s", process.logText()).isTrue();
              int answered;
              try {
                answered = get(process, path).statusCode();
              } catch (IOException notListeningYet) {
                answered = -1;
              }
              assertThat(answered).isEqualTo(status);
            });
  }

  /** A GET without a token, as the kubelet probes. */
  private static HttpResponse<String> get(TrafficProcess process, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(process.url(path)))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
