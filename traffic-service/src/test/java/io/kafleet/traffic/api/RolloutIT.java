package io.kafleet.traffic.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.Health;
import io.kafleet.events.ObjectRef;
import io.kafleet.events.RolloutGates;
import io.kafleet.events.RolloutProgress;
import io.kafleet.events.RolloutRequested;
import io.kafleet.events.RolloutStep;
import io.kafleet.events.ShiftCompleted;
import io.kafleet.events.TrafficShiftRequested;
import io.kafleet.kafka.embedded.KafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.schemas.Topics;
import io.kafleet.traffic.FleetStandIn;
import io.kafleet.traffic.PlacementStandIn;
import io.kafleet.traffic.PodinfoDocuments;
import io.kafleet.traffic.PrometheusScrape;
import io.kafleet.traffic.ServiceHttp;
import io.kafleet.traffic.TrafficApp;
import java.net.http.HttpResponse;
import java.time.Instant;
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
 * podinfo in member1 and member2, the test standing in for placement-service (each shift command
 * becomes a work with the requested weights in its clusters) and both agents (each work reported
 * applied, weights read back; the canary Deployment's health as the test sets it).
 */
@ExtendWith(KafkaBrokerExtension.class)
class RolloutIT {

  private static final String CANARY = "apps/Deployment/default/podinfo-green";
  private static final String ROLLOUT =
      """
      {"virtualService": {"namespace": "default", "name": "podinfo"},
       "stableSubset": "blue", "canarySubset": "green",
       "steps": [{"canaryWeight": 0, "pauseSeconds": 1}, {"canaryWeight": 20, "pauseSeconds": 1},
                 {"canaryWeight": 50, "pauseSeconds": 1}, {"canaryWeight": 100, "pauseSeconds": 0}],
       "waves": [["member1"], ["member2"]],
       "gates": {"requireCanaryHealthy": true, "stepTimeoutSeconds": 30},
       "requestedBy": "alice"}
      """;

  private SchemaRegistryServer registry;
  private Topics topics;
  private FleetStandIn fleet;
  private String prefix;
  private PlacementStandIn placement;

  @BeforeEach
  void podinfoInTwoClusters(KafkaBroker broker, TestTopics testTopics) throws Exception {
    this.prefix = testTopics.prefix();
    registry =
        SchemaRegistryServer.start(
            RegistrySettings.of(broker.bootstrapServers()).withTopic(testTopics.name("_schemas")));
    topics = new Topics(prefix);
    fleet = new FleetStandIn(broker, registry.url(), topics);
    fleet.createTopics(List.of("member1", "member2"));
    broker.createTopic(topics.trafficShifts(), 1, Map.of());
    fleet.podinfoOnBlue(List.of("member1", "member2"));
    placement = PlacementStandIn.start(fleet, topics, List.of("member1", "member2"));
  }

  @AfterEach
  void stop() throws Exception {
    placement.close();
    fleet.close();
    registry.close();
  }

  @Test
  void aRolloutWalksItsStepsThroughBothWavesInOrder(KafkaBroker broker) throws Exception {
    fleet.deployment("member1", CANARY, Health.Healthy);
    fleet.deployment("member2", CANARY, Health.Healthy);
    try (TrafficApp app = TrafficApp.start(broker, registry.url(), prefix)) {
      refusesBadInput(app);
      HttpResponse<String> started = ServiceHttp.postJson(app.url("/api/v1/rollouts"), ROLLOUT);
      assertThat(started.statusCode()).as("POST %s", started.body()).isEqualTo(202);
      String id = ServiceHttp.json(started.body()).path("rolloutId").asString();
      JsonNode done =
          ServiceHttp.await(
              app.url("/api/v1/rollouts/" + id),
              "completed",
              r -> !r.path("status").asString().equals("RUNNING"));
      assertThat(done.path("status").asString()).as("%s", done).isEqualTo("COMPLETED");

      HttpResponse<String> promote =
          ServiceHttp.postJson(app.url("/api/v1/rollouts/" + id + "/promote"), "{}");
      assertThat(promote.statusCode()).isEqualTo(409);
      assertThat(ServiceHttp.json(promote.body()).path("reason").asString())
          .isEqualTo("cannot promote: the rollout is completed");

      // Each step and wave's duration measured once, each of their shifts ended once.
      PrometheusScrape scrape = scrape(app);
      assertThat(scrape.value("kafleet_traffic_rollout_step_duration_seconds_count"))
          .isEqualTo(8.0);
      assertThat(scrape.value("kafleet_traffic_shifts_total", "outcome=\"completed\""))
          .isEqualTo(8.0);
      assertThat(scrape.value("kafleet_traffic_rollouts_active")).isEqualTo(0.0);

      assertThat(progress(id))
          .containsExactly(
              "Started",
              "StepStarted 0/0 0",
              "StepCompleted 0/0 0",
              "StepStarted 0/1 0",
              "StepCompleted 0/1 0",
              "StepStarted 1/0 20",
              "StepCompleted 1/0 20",
              "StepStarted 1/1 20",
              "StepCompleted 1/1 20",
              "StepStarted 2/0 50",
              "StepCompleted 2/0 50",
              "StepStarted 2/1 50",
              "StepCompleted 2/1 50",
              "StepStarted 3/0 100",
              "StepCompleted 3/0 100",
              "StepStarted 3/1 100",
              "StepCompleted 3/1 100",
              "Completed");
      listedAsItIsShown(app, id);
    }
    assertThat(placement.weights())
        .containsExactly(
            Map.entry("member1", "green=100,blue=0"), Map.entry("member2", "green=100,blue=0"));
    // Restarted, the service knows the rollout from its topics.
    List<ConsumerRecord<String, RolloutRequested>> requests =
        fleet.readAll(topics.rolloutRequests());
    assertThat(requests).hasSize(1);
    try (TrafficApp app = TrafficApp.start(broker, registry.url(), prefix)) {
      String id = requests.get(0).key();
      JsonNode rebuilt = ServiceHttp.await(app.url("/api/v1/rollouts/" + id), "known", r -> true);
      assertThat(rebuilt.path("status").asString()).isEqualTo("COMPLETED");
      assertThat(rebuilt.path("step").asInt()).isEqualTo(3);
      assertThat(phases(rebuilt))
          .as("the history rebuilt from the events topic")
          .hasSize(18)
          .startsWith("Started 0/0")
          .endsWith("Completed 3/1");
      listedAsItIsShown(app, id);
      // What the rebuild read back from the topics is not measured again.
      PrometheusScrape scrape = scrape(app);
      assertThat(scrape.value("kafleet_traffic_rollout_step_duration_seconds_count"))
          .isEqualTo(0.0);
      assertThat(scrape.value("kafleet_traffic_shifts_total", "outcome=\"completed\""))
          .isEqualTo(0.0);
    }
  }

  /**
   * {@code GET /api/v1/rollouts} lists the rollout exactly as {@code GET /api/v1/rollouts/{id}}
   * shows it, with the phases it passed; so does its VirtualService's filter, and a bad or unknown
   * filter is refused.
   */
  private static void listedAsItIsShown(TrafficApp app, String id) throws Exception {
    JsonNode one = ServiceHttp.json(ServiceHttp.get(app.url("/api/v1/rollouts/" + id)).body());
    assertThat(phases(one))
        .startsWith("Started 0/0", "StepStarted 0/0", "StepCompleted 0/0", "StepStarted 0/1")
        .endsWith("StepCompleted 3/1", "Completed 3/1");
    assertThat(one.path("gates").toString())
        .as("the gates asked, for the console's timeline")
        .isEqualTo("{\"requireCanaryHealthy\":true,\"webhookUrl\":null,\"stepTimeoutSeconds\":30}");
    HttpResponse<String> all = ServiceHttp.get(app.url("/api/v1/rollouts"));
    assertThat(all.statusCode()).as("GET %s", all.body()).isEqualTo(200);
    assertThat(ServiceHttp.json(all.body())).containsExactly(one);
    HttpResponse<String> filtered =
        ServiceHttp.get(app.url("/api/v1/rollouts?virtualService=default/podinfo"));
    assertThat(ServiceHttp.json(filtered.body())).containsExactly(one);

    for (String bad : List.of("podinfo", "default/podinfo/extra", "/podinfo")) {
      HttpResponse<String> refused =
          ServiceHttp.get(app.url("/api/v1/rollouts?virtualService=" + bad));
      assertThat(refused.statusCode()).as("%s -> %s", bad, refused.body()).isEqualTo(400);
      assertThat(ServiceHttp.json(refused.body()).path("field").asString())
          .isEqualTo("virtualService");
    }
    HttpResponse<String> unknown =
        ServiceHttp.get(app.url("/api/v1/rollouts?virtualService=default/nginx"));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(ServiceHttp.json(unknown.body()).path("reason").asString())
        .contains("default/nginx");
  }

  /** A rollout view's history as {@code phase step/wave}. */
  private static List<String> phases(JsonNode rollout) {
    List<String> phases = new ArrayList<>();
    for (JsonNode entry : rollout.path("history")) {
      phases.add(
          entry.path("phase").asString()
              + " "
              + entry.path("step").asInt()
              + "/"
              + entry.path("wave").asInt());
    }
    return phases;
  }

  private static PrometheusScrape scrape(TrafficApp app) throws Exception {
    HttpResponse<String> scrape = ServiceHttp.get(app.url("/actuator/prometheus"));
    assertThat(scrape.statusCode()).as("scrape: %s", scrape.body()).isEqualTo(200);
    return new PrometheusScrape(scrape.body());
  }

  private void refusesBadInput(TrafficApp app) throws Exception {
    Map<String, String> fieldByBody =
        Map.of(
            ROLLOUT.replaceAll("\"steps\": \\[[^]]*\\]", "\"steps\": []"), "steps",
            ROLLOUT.replace("\"canaryWeight\": 50", "\"canaryWeight\": 10"),
                "steps[2].canaryWeight",
            ROLLOUT.replace("\"canaryWeight\": 100", "\"canaryWeight\": 101"),
                "steps[3].canaryWeight",
            ROLLOUT.replace("\"green\"", "\"purple\""), "canarySubset",
            ROLLOUT.replace("\"name\": \"podinfo\"", "\"name\": \"nginx\""), "virtualService",
            ROLLOUT.replace(
                    "\"stepTimeoutSeconds\"",
                    "\"webhookUrl\": \"not a url\", \"stepTimeoutSeconds\""),
                "gates.webhookUrl",
            ROLLOUT.replace("\"waves\"", "\"wavez\""), "wavez");
    for (Map.Entry<String, String> bad : fieldByBody.entrySet()) {
      HttpResponse<String> response =
          ServiceHttp.postJson(app.url("/api/v1/rollouts"), bad.getKey());
      assertThat(response.statusCode())
          .as("%s -> %s", bad.getKey(), response.body())
          .isEqualTo(400);
      assertThat(ServiceHttp.json(response.body()).path("field").asString())
          .as("%s", response.body())
          .isEqualTo(bad.getValue());
    }
    HttpResponse<String> unknown =
        ServiceHttp.postJson(app.url("/api/v1/rollouts/nope/promote"), "{}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(fleet.readAll(topics.rolloutRequests())).isEmpty();
    assertThat(fleet.readAll(topics.trafficShifts())).isEmpty();
  }

  @Test
  void aRolloutRequestedAsAnEventAbortsOnAnUnhealthyCanaryAndRestoresStable(KafkaBroker broker)
      throws Exception {
    fleet.deployment("member1", CANARY, Health.Healthy);
    fleet.deployment("member2", CANARY, Health.Unhealthy);
    RolloutRequested request =
        new RolloutRequested(
            "ci-build-17",
            new ObjectRef("networking.istio.io", "VirtualService", "default", "podinfo"),
            null,
            null,
            "blue",
            "green",
            List.of(
                new RolloutStep(0, 1L, List.of(), 1),
                new RolloutStep(20, 1L, List.of(), 1),
                new RolloutStep(50, 1L, List.of(), 1),
                new RolloutStep(100, 0L, List.of(), 1)),
            List.of(List.of("member1"), List.of("member2")),
            new RolloutGates(true, true, null, 30L),
            null,
            null,
            "ci",
            Instant.now());
    try (TrafficApp app = TrafficApp.start(broker, registry.url(), prefix)) {
      fleet.publish(topics.rolloutRequests(), request.getCorrelationId(), request);
      JsonNode aborted =
          ServiceHttp.await(
              app.url("/api/v1/rollouts/ci-build-17"),
              "aborted",
              r -> r.path("status").asString().equals("ABORTED"));
      assertThat(aborted.path("message").asString())
          .contains("step 0 (0% canary) in wave 1")
          .contains("member2=Unhealthy");
      String abortShift =
          aborted.path("message").asString().replaceAll(".*shift (\\S+) back.*", "$1");
      ServiceHttp.await(
          app.url("/api/v1/shifts/" + abortShift),
          "converged",
          s -> s.path("converged").asBoolean());
    }
    assertThat(progress("ci-build-17"))
        .containsExactly(
            "Started", "StepStarted 0/0 0", "StepCompleted 0/0 0", "StepStarted 0/1 0", "Aborted");
    List<FleetEvent> events =
        fleet.<FleetEvent>readAll(topics.trafficEvents()).stream()
            .map(ConsumerRecord::value)
            .toList();
    assertThat(events).allMatch(e -> "ci-build-17".equals(e.getCorrelationId()));
    assertThat(events)
        .filteredOn(e -> e.getPayload() instanceof ShiftCompleted)
        .extracting(e -> ((ShiftCompleted) e.getPayload()).getConverged())
        .containsOnly(true);
    List<TrafficShiftRequested> shifts =
        fleet.<TrafficShiftRequested>readAll(topics.trafficShifts()).stream()
            .map(ConsumerRecord::value)
            .toList();
    TrafficShiftRequested back = shifts.get(shifts.size() - 1);
    assertThat(back.getClusters()).containsExactly("member1", "member2");
    assertThat(PodinfoDocuments.weights(back.getWeights().getDestinations()))
        .isEqualTo("green=0,blue=100");
    assertThat(placement.weights())
        .containsExactly(
            Map.entry("member1", "green=0,blue=100"), Map.entry("member2", "green=0,blue=100"));
  }

  @Test
  void anIndefinitePauseWaitsForPromotionAndCommandsThatDoNotFitAreRefused(KafkaBroker broker)
      throws Exception {
    String manual =
        ROLLOUT
            .replace("\"waves\": [[\"member1\"], [\"member2\"]],", "")
            .replace("\"requireCanaryHealthy\": true", "\"requireCanaryHealthy\": false")
            .replace("{\"canaryWeight\": 20, \"pauseSeconds\": 1}", "{\"canaryWeight\": 20}");
    RolloutRequested noSteps =
        new RolloutRequested(
            "ci-no-steps",
            new ObjectRef("networking.istio.io", "VirtualService", "default", "podinfo"),
            null,
            null,
            "blue",
            "green",
            List.of(),
            List.of(),
            new RolloutGates(true, false, null, 30L),
            null,
            null,
            "ci",
            Instant.now());
    try (TrafficApp app = TrafficApp.start(broker, registry.url(), prefix)) {
      fleet.publish(topics.rolloutRequests(), noSteps.getCorrelationId(), noSteps);
      JsonNode refused =
          ServiceHttp.await(app.url("/api/v1/rollouts/ci-no-steps"), "refused", r -> true);
      assertThat(refused.path("status").asString()).isEqualTo("REJECTED");
      assertThat(refused.path("message").asString())
          .contains("steps: a rollout needs at least one step");
      assertThat(refused.has("virtualService")).as("a refused request asked nothing").isFalse();

      HttpResponse<String> started = ServiceHttp.postJson(app.url("/api/v1/rollouts"), manual);
      assertThat(started.statusCode()).as("POST %s", started.body()).isEqualTo(202);
      String url =
          app.url(
              "/api/v1/rollouts/" + ServiceHttp.json(started.body()).path("rolloutId").asString());
      ServiceHttp.await(
          url,
          "waiting at 20% for a promotion",
          r -> r.path("step").asInt() == 1 && r.path("stage").asString().equals("PAUSING"));
      assertThat(ServiceHttp.postJson(url + "/pause?by=bob", "{}").statusCode()).isEqualTo(200);
      HttpResponse<String> promoteWhilePaused = ServiceHttp.postJson(url + "/promote", "{}");
      assertThat(promoteWhilePaused.statusCode()).isEqualTo(409);
      assertThat(promoteWhilePaused.body()).contains("resume it before promoting");
      assertThat(ServiceHttp.postJson(url + "/resume?by=bob", "{}").statusCode()).isEqualTo(200);
      assertThat(ServiceHttp.postJson(url + "/promote", "{}").statusCode()).isEqualTo(200);
      JsonNode done =
          ServiceHttp.await(url, "completed", r -> !r.path("status").asString().equals("RUNNING"));
      assertThat(done.path("status").asString()).as("%s", done).isEqualTo("COMPLETED");
      assertThat(ServiceHttp.postJson(url + "/abort", "{}").statusCode()).isEqualTo(409);

      JsonNode listed = ServiceHttp.json(ServiceHttp.get(app.url("/api/v1/rollouts")).body());
      assertThat(listed)
          .extracting(r -> r.path("rolloutId").asString())
          .as("newest first")
          .containsExactly(done.path("rolloutId").asString(), "ci-no-steps");
      assertThat(phases(listed.get(1))).containsExactly("Failed 0/0");
      assertThat(phases(listed.get(0)))
          .as("paused, resumed and promoted at 20 percent")
          .containsSubsequence(
              "StepCompleted 1/0", "Paused 1/0", "Resumed 1/0", "Promoted 2/0", "Completed 3/0");
      JsonNode podinfos =
          ServiceHttp.json(
              ServiceHttp.get(app.url("/api/v1/rollouts?virtualService=default/podinfo")).body());
      assertThat(podinfos)
          .as("a request refused on its own terms names no VirtualService")
          .extracting(r -> r.path("rolloutId").asString())
          .containsExactly(done.path("rolloutId").asString());
    }
    assertThat(progress("ci-no-steps")).containsExactly("Failed");
    assertThat(placement.weights())
        .containsExactly(
            Map.entry("member1", "green=100,blue=0"), Map.entry("member2", "green=100,blue=0"));
  }

  private List<String> progress(String id) {
    return fleet.<FleetEvent>readAll(topics.trafficEvents()).stream()
        .filter(r -> r.key().equals(id))
        .map(r -> r.value().getPayload())
        .filter(RolloutProgress.class::isInstance)
        .map(RolloutProgress.class::cast)
        .map(PodinfoDocuments::describe)
        .toList();
  }
}
