package io.kafleet.traffic.api;

import static io.kafleet.traffic.FleetStandIn.VS;
import static io.kafleet.traffic.PodinfoDocuments.GREEN_80;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.ShiftCompleted;
import io.kafleet.events.ShiftProgress;
import io.kafleet.events.TrafficShiftRequested;
import io.kafleet.kafka.embedded.KafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.schemas.Topics;
import io.kafleet.traffic.FleetStandIn;
import io.kafleet.traffic.ServiceHttp;
import io.kafleet.traffic.TrafficApp;
import java.net.http.HttpResponse;
import java.time.Duration;
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
 * podinfo placed in member1 and member2, the test standing in for placement-service and both
 * agents: a shift through the API converges per cluster, a silent cluster times out and converges
 * later, a VirtualService applied directly is tracked as a shift, and bad input publishes nothing.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ShiftConvergenceIT {

  private static final String SHIFT =
      """
      {"virtualService": {"namespace": "default", "name": "podinfo"},
       "route": {"index": 0}, "weights": {"green": 80, "blue": 20}, "requestedBy": "alice"}
      """;

  private static final String TEST_ROUTE =
      """
      , "testRoute": {"subset": "green",
                      "matches": [{"headers": {"x-canary": {"exact": "true"}}}]}
      """;

  /** GREEN_80 with kafleet's test route before the shifted route, as placement renders it. */
  private static final String GREEN_80_WITH_TEST_ROUTE =
      GREEN_80.replace(
          "\"http\":[",
          "\"http\":[{\"name\":\"kafleet-test-route\","
              + "\"match\":[{\"uri\":{\"prefix\":\"/\"},"
              + "\"headers\":{\"x-canary\":{\"exact\":\"true\"}}}],"
              + "\"route\":[{\"destination\":{\"host\":\"podinfo\",\"subset\":\"green\","
              + "\"port\":{\"number\":80}},\"weight\":100}]},");

  private SchemaRegistryServer registry;
  private Topics topics;
  private FleetStandIn fleet;
  // The prefix of @BeforeEach: a test method would be given another one.
  private String prefix;

  @BeforeEach
  void podinfoInTwoClusters(KafkaBroker broker, TestTopics testTopics) throws Exception {
    this.prefix = testTopics.prefix();
    registry =
        SchemaRegistryServer.start(
            RegistrySettings.of(broker.bootstrapServers()).withTopic(testTopics.name("_schemas")));
    topics = new Topics(prefix);
    fleet = new FleetStandIn(broker, registry.url(), topics);
    fleet.createTopics(List.of("member1", "member2"));
    fleet.podinfoOnBlue(List.of("member1", "member2"));
  }

  @AfterEach
  void stop() {
    fleet.close();
    registry.close();
  }

  @Test
  void aShiftConvergesInBothClusters(KafkaBroker broker) throws Exception {
    try (TrafficApp app = TrafficApp.start(broker, registry.url(), prefix)) {
      String shiftId = postShift(app);
      placementRenders(shiftId);
      fleet.applied("member1", 2, "hash-green", GREEN_80);
      fleet.applied("member2", 2, "hash-green", GREEN_80);

      JsonNode shift =
          ServiceHttp.await(
              app.url("/api/v1/shifts/" + shiftId),
              "converged",
              s -> s.path("completed").asBoolean());
      assertThat(shift.path("converged").asBoolean()).as("shift %s", shift).isTrue();
      assertThat(shift.path("clusters").path("member1").path("state").asString())
          .isEqualTo("Converged");
      assertThat(shift.path("clusters").path("member2").path("generation").asLong()).isEqualTo(2);

      JsonNode history =
          ServiceHttp.json(
              ServiceHttp.get(app.url("/api/v1/virtualservices/default/podinfo/history")).body());
      assertThat(history.path("changes")).hasSize(1);
      assertThat(history.path("changes").get(0).path("requestedBy").asString()).isEqualTo("alice");

      showsTheWeightsSentAndReadBackPerCluster(app, shiftId);
    }
    assertThat(progress())
        .containsExactly(
            "member1 Published", "member2 Published", "member1 Converged", "member2 Converged");
    assertThat(completions()).containsExactly("true {member1=Converged, member2=Converged}");
  }

  @Test
  void aSilentClusterTimesOutThenConvergesWhenItReports(KafkaBroker broker) throws Exception {
    String shiftId;
    try (TrafficApp app =
        TrafficApp.start(
            broker, registry.url(), prefix, "--kafleet.traffic.convergence-timeout=2s")) {
      shiftId = postShift(app);
      placementRenders(shiftId);
      fleet.applied("member1", 2, "hash-green", GREEN_80);
      JsonNode timedOut =
          ServiceHttp.await(
              app.url("/api/v1/shifts/" + shiftId),
              "completed with member2 TimedOut",
              s -> s.path("completed").asBoolean());
      assertThat(timedOut.path("converged").asBoolean()).isFalse();
      assertThat(timedOut.path("clusters").path("member2").path("state").asString())
          .isEqualTo("TimedOut");

      fleet.applied("member2", 2, "hash-green", GREEN_80);
      ServiceHttp.await(
          app.url("/api/v1/shifts/" + shiftId), "converged", s -> s.path("converged").asBoolean());
    }
    assertThat(progress())
        .containsExactly(
            "member1 Published",
            "member2 Published",
            "member1 Converged",
            "member2 TimedOut",
            "member2 Converged");
    assertThat(completions())
        .containsExactly(
            "false {member1=Converged, member2=TimedOut}",
            "true {member1=Converged, member2=Converged}");

    // Restarted, the service knows the shift's outcome from its topics.
    try (TrafficApp app = TrafficApp.start(broker, registry.url(), prefix)) {
      JsonNode rebuilt =
          ServiceHttp.json(ServiceHttp.get(app.url("/api/v1/shifts/" + shiftId)).body());
      assertThat(rebuilt.path("converged").asBoolean()).as("rebuilt %s", rebuilt).isTrue();
      assertThat(rebuilt.path("requestedBy").asString()).isEqualTo("alice");
      // ... and publishes none of it again while it follows the fleet.
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                assertThat(progress()).hasSize(5);
                assertThat(completions()).hasSize(2);
              });
    }
  }

  @Test
  void aVirtualServiceAppliedDirectlyIsTrackedAsAShift(KafkaBroker broker) throws Exception {
    try (TrafficApp app = TrafficApp.start(broker, registry.url(), prefix)) {
      fleet.template(VS, 2, GREEN_80, "bob");
      fleet.work("member1", 2, "hash-green", GREEN_80);
      fleet.work("member2", 2, "hash-green", GREEN_80);
      fleet.applied("member1", 2, "hash-green", GREEN_80);
      fleet.applied("member2", 2, "hash-green", GREEN_80);

      JsonNode shift =
          ServiceHttp.await(
              app.url("/api/v1/shifts/apply-default-podinfo-g2"),
              "converged",
              s -> s.path("converged").asBoolean());
      assertThat(shift.path("origin").asString()).isEqualTo("apply");
      assertThat(shift.path("requestedBy").asString()).isEqualTo("bob");
    }
    assertThat(completions()).containsExactly("true {member1=Converged, member2=Converged}");
  }

  @Test
  void aShiftWithATestRouteConvergesWhereTheAgentReadsTheTestRouteBack(KafkaBroker broker)
      throws Exception {
    assertThat(GREEN_80_WITH_TEST_ROUTE).isNotEqualTo(GREEN_80);
    try (TrafficApp app = TrafficApp.start(broker, registry.url(), prefix)) {
      HttpResponse<String> response =
          ServiceHttp.postJson(app.url("/api/v1/shifts"), withTestRoute());
      assertThat(response.statusCode()).as("POST %s", response.body()).isEqualTo(202);
      String shiftId = ServiceHttp.json(response.body()).path("shiftId").asString();

      List<ConsumerRecord<String, TrafficShiftRequested>> commands =
          fleet.readAll(topics.trafficShifts());
      assertThat(commands).hasSize(1);
      assertThat(commands.get(0).value().getTestRoute())
          .as("the command carries the test route")
          .hasToString(
              "{\"subset\": \"green\", \"matches\": [{\"headers\": {\"x-canary\":"
                  + " {\"exact\": \"true\", \"prefix\": null, \"regex\": null}}}]}");
      fleet.template(VS, 2, GREEN_80_WITH_TEST_ROUTE, "alice (shift " + shiftId + ")");
      fleet.work("member1", 2, "hash-test", GREEN_80_WITH_TEST_ROUTE);
      fleet.work("member2", 2, "hash-test", GREEN_80_WITH_TEST_ROUTE);
      fleet.applied("member1", 2, "hash-test", GREEN_80_WITH_TEST_ROUTE);
      // member2's agent reads the VirtualService back without the test route.
      fleet.applied("member2", 2, "hash-test", GREEN_80);

      JsonNode shift =
          ServiceHttp.await(
              app.url("/api/v1/shifts/" + shiftId),
              "completed",
              s -> s.path("completed").asBoolean());
      assertThat(shift.path("clusters").path("member1").path("state").asString())
          .as("shift %s", shift)
          .isEqualTo("Converged");
      assertThat(shift.path("clusters").path("member2").path("message").asString())
          .as("shift %s", shift)
          .isEqualTo(
              "applied, but observed green=80,blue=20 where green=80,blue=20 with a test route"
                  + " to green was requested");
    }
    assertThat(progress())
        .containsExactly(
            "member1 Published", "member2 Published", "member1 Converged", "member2 Diverged");
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndNothingIsPublished(KafkaBroker broker) throws Exception {
    Map<String, String> fieldByBody =
        Map.of(
            SHIFT.replace("\"green\": 80", "\"green\": 70"), "weights",
            SHIFT.replace("\"green\": 80, \"blue\": 20", "\"green\": 110, \"blue\": -10"),
                "weights.green",
            SHIFT.replace("\"blue\"", "\"purple\""), "weights.purple",
            SHIFT.replace("\"name\": \"podinfo\"", "\"name\": \"nginx\""), "virtualService",
            SHIFT.replace("\"index\": 0", "\"index\": 1"), "route.index",
            SHIFT.replace("\"green\": 80", "\"green\": 79.5"), "weights.green",
            SHIFT.replace("\"requestedBy\"", "\"requestor\""), "requestor",
            withTestRoute().replace("\"subset\": \"green\"", "\"subset\": \"purple\""),
                "testRoute.subset",
            withTestRoute().replace("\"matches\"", "\"weight\": 100, \"matches\""),
                "testRoute.weight");
    try (TrafficApp app = TrafficApp.start(broker, registry.url(), prefix)) {
      for (Map.Entry<String, String> bad : fieldByBody.entrySet()) {
        HttpResponse<String> response =
            ServiceHttp.postJson(app.url("/api/v1/shifts"), bad.getKey());
        assertThat(response.statusCode())
            .as("%s -> %s", bad.getKey(), response.body())
            .isEqualTo(400);
        JsonNode error = ServiceHttp.json(response.body());
        assertThat(error.path("field").asString())
            .as("%s", response.body())
            .isEqualTo(bad.getValue());
        assertThat(error.path("reason").asString()).isNotBlank();
      }
      // A valid shift afterwards is the only command and the only events on the topics.
      postShift(app);
    }
    List<ConsumerRecord<String, TrafficShiftRequested>> commands =
        fleet.readAll(topics.trafficShifts());
    assertThat(commands).hasSize(1);
    assertThat(progress()).containsExactly("member1 Published", "member2 Published");
  }

  /** The console's view of the VirtualService once the shift converged, and a 404 for another. */
  private static void showsTheWeightsSentAndReadBackPerCluster(TrafficApp app, String shiftId)
      throws Exception {
    HttpResponse<String> all = ServiceHttp.get(app.url("/api/v1/virtualservices"));
    assertThat(all.statusCode()).as("GET %s", all.body()).isEqualTo(200);
    JsonNode list = ServiceHttp.json(all.body());
    assertThat(list).as("%s", list).hasSize(1);
    JsonNode podinfo = list.get(0);
    assertThat(podinfo.path("virtualService").asString()).isEqualTo("default/podinfo");
    assertThat(podinfo.path("namespace").asString()).isEqualTo("default");
    assertThat(podinfo.path("name").asString()).isEqualTo("podinfo");
    assertThat(podinfo.path("clusters").propertyNames()).containsExactly("member1", "member2");
    for (String cluster : List.of("member1", "member2")) {
      JsonNode routes = podinfo.path("clusters").path(cluster);
      assertThat(weights(routes.path("desired"))).as("%s", routes).isEqualTo("0 green=80,blue=20");
      assertThat(weights(routes.path("observed"))).as("%s", routes).isEqualTo("0 green=80,blue=20");
      JsonNode green = routes.path("desired").get(0).path("destinations").get(0);
      assertThat(green.path("host").asString()).isEqualTo("podinfo");
      assertThat(green.path("port").asInt()).isEqualTo(80);
      assertThat(routes.path("desired").get(0).has("name"))
          .as("an unnamed route says so: name null")
          .isTrue();
      assertThat(routes.path("desired").get(0).path("name").isNull()).isTrue();
      assertThat(routes.path("generation").asLong()).isEqualTo(2);
      assertThat(routes.path("appliedGeneration").asLong()).isEqualTo(2);
      assertThat(routes.path("phase").asString()).isEqualTo("Applied");
      assertThat(Instant.parse(routes.path("reportedAt").asString())).isBefore(Instant.now());
    }
    JsonNode lastShift = podinfo.path("lastShift");
    assertThat(lastShift.path("shiftId").asString()).isEqualTo(shiftId);
    assertThat(lastShift.path("completed").asBoolean()).isTrue();
    assertThat(lastShift.path("converged").asBoolean()).isTrue();
    assertThat(Instant.parse(lastShift.path("requestedAt").asString())).isBefore(Instant.now());

    HttpResponse<String> one = ServiceHttp.get(app.url("/api/v1/virtualservices/default/podinfo"));
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(ServiceHttp.json(one.body())).isEqualTo(podinfo);

    HttpResponse<String> unknown =
        ServiceHttp.get(app.url("/api/v1/virtualservices/default/nginx"));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(ServiceHttp.json(unknown.body()).path("reason").asString())
        .contains("default/nginx");
  }

  /** Routes as {@code index subset=weight,...}, routes joined by {@code ;}. */
  private static String weights(JsonNode routes) {
    List<String> described = new ArrayList<>();
    for (JsonNode route : routes) {
      List<String> destinations = new ArrayList<>();
      for (JsonNode d : route.path("destinations")) {
        destinations.add(d.path("subset").asString() + "=" + d.path("weight").asInt());
      }
      described.add(route.path("index").asInt() + " " + String.join(",", destinations));
    }
    return String.join(";", described);
  }

  private static String withTestRoute() {
    return SHIFT.replace("\"alice\"}", "\"alice\"" + TEST_ROUTE + "}");
  }

  private String postShift(TrafficApp app) throws Exception {
    HttpResponse<String> response = ServiceHttp.postJson(app.url("/api/v1/shifts"), SHIFT);
    assertThat(response.statusCode()).as("POST %s", response.body()).isEqualTo(202);
    return ServiceHttp.json(response.body()).path("shiftId").asString();
  }

  /** As placement-service: the command on the shifts topic becomes generation 2 and its works. */
  private void placementRenders(String shiftId) throws Exception {
    List<ConsumerRecord<String, TrafficShiftRequested>> commands =
        fleet.readAll(topics.trafficShifts());
    assertThat(commands).hasSize(1);
    TrafficShiftRequested command = commands.get(0).value();
    assertThat(commands.get(0).key()).isEqualTo(VS);
    assertThat(command.getShiftId()).isEqualTo(shiftId);
    assertThat(command.getClusters()).isEmpty();
    assertThat(command.getWeights().getDestinations())
        .extracting(
            d -> d.getHost() + "/" + d.getSubset() + ":" + d.getPort() + "=" + d.getWeight())
        .containsExactly("podinfo/green:80=80", "podinfo/blue:80=20");
    fleet.template(VS, 2, GREEN_80, "alice (shift " + shiftId + ")");
    fleet.work("member1", 2, "hash-green", GREEN_80);
    fleet.work("member2", 2, "hash-green", GREEN_80);
  }

  private List<String> progress() {
    return fleet.<FleetEvent>readAll(topics.trafficEvents()).stream()
        .map(r -> r.value().getPayload())
        .filter(ShiftProgress.class::isInstance)
        .map(ShiftProgress.class::cast)
        .map(p -> p.getCluster() + " " + p.getState())
        .toList();
  }

  private List<String> completions() {
    return fleet.<FleetEvent>readAll(topics.trafficEvents()).stream()
        .map(r -> r.value().getPayload())
        .filter(ShiftCompleted.class::isInstance)
        .map(ShiftCompleted.class::cast)
        .map(c -> c.getConverged() + " " + new java.util.TreeMap<>(c.getClusters()))
        .toList();
  }
}
