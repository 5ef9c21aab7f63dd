package io.kafleet.traffic.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.Health;
import io.kafleet.events.RolloutPhase;
import io.kafleet.events.RolloutProgress;
import io.kafleet.kafka.embedded.KafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.schemas.Topics;
import io.kafleet.traffic.FleetStandIn;
import io.kafleet.traffic.PlacementStandIn;
import io.kafleet.traffic.ServiceHttp;
import io.kafleet.traffic.TrafficApp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * A three-step rollout of podinfo over member1 and member2, gated by Flagger's Istio built-ins on a
 * real Prometheus that scrapes the Istio-shaped series of {@link IstioSeriesExporter}: one
 * Prometheus for both clusters, told apart by the {@code cluster} label. The test stands in for
 * placement-service and the agents ({@link PlacementStandIn}).
 */
@ExtendWith(KafkaBrokerExtension.class)
class RolloutAnalysisIT {

  private static final Duration INTERVAL = Duration.ofSeconds(4);
  private static final String CANARY = "apps/Deployment/default/podinfo-green";
  private static final String ROLLOUT =
      """
      {"virtualService": {"namespace": "default", "name": "podinfo"},
       "stableSubset": "blue", "canarySubset": "green",
       "steps": [{"canaryWeight": 10, "pauseSeconds": 0}, {"canaryWeight": 50, "pauseSeconds": 0},
                 {"canaryWeight": 100, "pauseSeconds": 0}],
       "gates": {"requireCanaryHealthy": true, "stepTimeoutSeconds": 30},
       "analysis": {"intervalSeconds": %d, "threshold": 1, "metrics": [
         {"name": "request-success-rate", "min": 99, "windowSeconds": 10},
         {"name": "request-duration", "max": 500, "windowSeconds": 10}]},
       "requestedBy": "alice"}
      """
          .formatted(INTERVAL.toSeconds());

  private SchemaRegistryServer registry;
  private Topics topics;
  private FleetStandIn fleet;
  private PlacementStandIn placement;
  private String prefix;
  private IstioSeriesExporter exporter;
  private PrometheusProcess prometheus;

  @BeforeEach
  void podinfoInTwoClustersServingHealthyTraffic(KafkaBroker broker, TestTopics testTopics)
      throws Exception {
    exporter = IstioSeriesExporter.start();
    for (String cluster : List.of("member1", "member2")) {
      exporter.serve(cluster, "default", "podinfo-green", 100, 0.0, 100);
    }
    prometheus = PrometheusProcess.start(exporter.target());

    prefix = testTopics.prefix();
    registry =
        SchemaRegistryServer.start(
            RegistrySettings.of(broker.bootstrapServers()).withTopic(testTopics.name("_schemas")));
    topics = new Topics(prefix);
    fleet = new FleetStandIn(broker, registry.url(), topics);
    fleet.createTopics(List.of("member1", "member2"));
    broker.createTopic(topics.trafficShifts(), 1, Map.of());
    fleet.podinfoOnBlue(List.of("member1", "member2"));
    for (String cluster : List.of("member1", "member2")) {
      fleet.deployment(cluster, CANARY, Health.Healthy);
    }
    placement = PlacementStandIn.start(fleet, topics, List.of("member1", "member2"));
    // Two scrapes at least, so that rates have something to go on before the first check.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        prometheus.query(
                            "sum(rate(istio_requests_total{cluster=\"member2\"}[10s]))"))
                    .isPositive());
  }

  @AfterEach
  void stop() throws Exception {
    placement.close();
    fleet.close();
    registry.close();
    prometheus.close();
    exporter.close();
  }

  private TrafficApp traffic(KafkaBroker broker) {
    return TrafficApp.start(
        broker,
        registry.url(),
        prefix,
        "kafleet.traffic.analysis.prometheus-url=" + prometheus.url());
  }

  private static String start(TrafficApp app) throws Exception {
    HttpResponse<String> started = ServiceHttp.postJson(app.url("/api/v1/rollouts"), ROLLOUT);
    assertThat(started.statusCode()).as("POST %s", started.body()).isEqualTo(202);
    return ServiceHttp.json(started.body()).path("rolloutId").asString();
  }

  @Test
  void withHealthySeriesEveryStepPassesItsChecksAndTheRolloutCompletes(KafkaBroker broker)
      throws Exception {
    try (TrafficApp app = traffic(broker)) {
      String id = start(app);
      JsonNode done =
          ServiceHttp.await(
              app.url("/api/v1/rollouts/" + id),
              "finished",
              r -> !r.path("status").asString().equals("RUNNING"));
      assertThat(done.path("status").asString()).as("%s", done).isEqualTo("COMPLETED");
      List<JsonNode> checks = new ArrayList<>();
      done.path("history")
          .forEach(
              e -> {
                if (e.path("phase").asString().equals("Analysed")) {
                  checks.add(e);
                }
              });
      assertThat(checks).as("one passing check per step: %s", done.path("history")).hasSize(3);
      for (JsonNode check : checks) {
        assertThat(check.path("message").asString()).isEqualTo("check passed");
        assertThat(check.path("measurements"))
            .as("both metrics in both clusters")
            .hasSize(4)
            .allSatisfy(m -> assertThat(m.path("passed").asBoolean()).as("%s", m).isTrue());
      }
      JsonNode rate = checks.get(0).path("measurements").get(0);
      assertThat(rate.path("metric").asString()).isEqualTo("request-success-rate");
      assertThat(rate.path("value").asDouble()).isEqualTo(100.0);
      assertThat(rate.path("min").asDouble()).isEqualTo(99.0);
    }
    assertThat(placement.weights())
        .containsExactly(
            Map.entry("member1", "green=100,blue=0"), Map.entry("member2", "green=100,blue=0"));
  }

  @Test
  void member2FailingAtStepTwoRollsEveryClusterBackAtItsFirstFailedCheck(KafkaBroker broker)
      throws Exception {
    String id;
    try (TrafficApp app = traffic(broker)) {
      id = start(app);
      ServiceHttp.await(
          app.url("/api/v1/rollouts/" + id),
          "at step 2",
          r -> r.path("step").asInt() == 1 || !r.path("status").asString().equals("RUNNING"));
      exporter.serve("member2", "default", "podinfo-green", 100, 0.2, 100);
      JsonNode aborted =
          ServiceHttp.await(
              app.url("/api/v1/rollouts/" + id),
              "finished",
              r -> !r.path("status").asString().equals("RUNNING"));
      assertThat(aborted.path("status").asString()).as("%s", aborted).isEqualTo("ABORTED");
      assertThat(aborted.path("message").asString())
          .as("the reason names the step, the cluster, the metric and the range")
          .startsWith(
              "step 1 (50% canary) in wave 0: analysis: request-success-rate in member2 was ")
          .contains(", outside 99..");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(placement.weights())
                      .containsExactly(
                          Map.entry("member1", "green=0,blue=100"),
                          Map.entry("member2", "green=0,blue=100")));
    }
    List<RolloutProgress> events = new ArrayList<>();
    for (ConsumerRecord<String, FleetEvent> record :
        fleet.<FleetEvent>readAll(topics.trafficEvents())) {
      if (id.equals(record.key()) && record.value().getPayload() instanceof RolloutProgress p) {
        events.add(p);
      }
    }
    RolloutProgress abort =
        events.stream().filter(p -> p.getPhase() == RolloutPhase.Aborted).findFirst().orElseThrow();
    assertThat(abort.getMeasurements())
        .as("the RolloutAborted event names the cluster, the metric, the value and the range")
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getCluster()).isEqualTo("member2");
              assertThat(m.getMetric()).isEqualTo("request-success-rate");
              assertThat(m.getValue()).isLessThan(99.0);
              assertThat(m.getMin()).isEqualTo(99.0);
              assertThat(m.getMax()).isNull();
            });
    // Checks come one interval apart: rolled back at the first check after the drop, the rollback
    // came within the step's first interval, before a second check was due.
    assertThat(
            events.stream()
                .map(
                    p ->
                        p.getPhase()
                            + " "
                            + p.getStepIndex()
                            + (p.getPhase() == RolloutPhase.Analysed
                                ? p.getMeasurements().stream()
                                        .allMatch(m -> Measurement.of(m).passed())
                                    ? " passed"
                                    : " failed"
                                : ""))
                .toList())
        .as("step 0 passed its check; step 1's first check failed and rolled back")
        .containsExactly(
            "Started null",
            "StepStarted 0",
            "Analysed 0 passed",
            "StepCompleted 0",
            "StepStarted 1",
            "Analysed 1 failed",
            "Aborted null");
  }
}
