package io.kafleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kafleet.devstack.DevTokens;
import io.kafleet.events.FleetEvent;
import io.kafleet.events.ShiftProgress;
import io.kafleet.events.ShiftState;
import io.kafleet.schemas.Topics;
import io.kafleet.serde.KafleetAvroDeserializer;
import io.kafleet.serde.SerdeConfig;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Both seeds on the whole suite (see {@link Suite}), driven through the CLI and the public APIs,
 * with the results read from the members' API servers.
 */
@ExtendWith(SuiteExtension.class)
class SeedsE2EIT {

  private static final Path SCENARIOS = Scenarios.locate().root();
  private static Suite suite;

  @BeforeAll
  static void useTheSuite(Suite shared) {
    suite = shared;
  }

  @Test
  void theViewersTokenReadsButMayNotApplyOrShift() {
    DevTokens tokens = suite.stack().tokens();
    assertThat(suite.kafleetAs(tokens.viewer(), "get", "clusters").out()).contains("member1");

    Suite.CliRun apply =
        suite.kafleetAs(
            tokens.viewer(),
            "apply",
            "-f",
            SCENARIOS.resolve("podinfo-blue-green").resolve("base.yaml").toString());
    assertThat(apply.exit()).as("kafleet apply with the viewer's token: %s", apply).isEqualTo(1);
    assertThat(apply.err())
        .isEqualTo(
            "error: placement-service answered 403 Forbidden: operator role required; token"
                + " 'dev-viewer' has viewer\n");

    Suite.CliRun shift =
        suite.kafleetAs(tokens.viewer(), "traffic", "set", "podinfo", "--weights", "a=100");
    assertThat(shift.err())
        .as("kafleet traffic set with the viewer's token")
        .startsWith("error: traffic-service answered 403 Forbidden: operator role required");

    Suite.CliRun accept = suite.kafleetAs(tokens.operator(), "cluster", "accept", "member1");
    assertThat(accept.err())
        .as("kafleet cluster accept with the operator's token")
        .startsWith("error: placement-service answered 403 Forbidden: admin role required");
    assertThat(suite.kafleetAs(tokens.admin(), "cluster", "accept", "member1").exit())
        .as("kafleet cluster accept with the admin's token")
        .isZero();

    Suite.CliRun anonymous = suite.kafleetAs("not-a-token", "get", "clusters");
    assertThat(anonymous.err())
        .startsWith("error: placement-service answered 401 Unauthorized: unknown bearer token");
  }

  @Test
  void bookinfoLandsInTheMembersAsTheScenarioTableSays() {
    BookinfoSeed bookinfo = new BookinfoSeed(suite);
    bookinfo.removeFromFleet();

    String applied = bookinfo.apply();

    assertThat(applied).contains("propagationpolicy/produtpage-propagation");
    for (String cluster : Suite.MEMBERS) {
      bookinfo.assertLandedIn(cluster);
    }
  }

  @Test
  void podinfoShiftsInBothMembersThroughTheApiByApplyingTheScenariosFileAndWithTheCli()
      throws Exception {
    Path podinfo = SCENARIOS.resolve("podinfo-blue-green");
    suite.applyPodinfo();
    for (String cluster : List.of("member1", "member2")) {
      try (KubernetesClient member = suite.member(cluster)) {
        Suite.await(
            () ->
                Suite.names(member.apps().deployments().inNamespace("default").list().getItems())
                    .containsAll(List.of("podinfo-blue", "podinfo-green")),
            "both podinfo Deployments in " + cluster);
      }
    }

    String shift =
        post(
            suite.stack().trafficUrl() + "/api/v1/shifts",
            "{\"virtualService\":{\"namespace\":\"default\",\"name\":\"podinfo\"},"
                + "\"weights\":{\"green\":50,\"blue\":50},\"requestedBy\":\"e2e\"}");
    String shiftId = shift.replaceAll(".*\"shiftId\":\"([^\"]+)\".*", "$1");
    Suite.await(
        () ->
            get(suite.stack().trafficUrl() + "/api/v1/shifts/" + shiftId)
                .contains("\"converged\":true"),
        "the 50/50 shift converged in both members");
    assertWeights(50, 50);
    assertThat(convergedOnTheEventsTopic(shiftId))
        .as("ShiftProgress Converged events of shift %s on kafleet.traffic.events", shiftId)
        .containsExactlyInAnyOrder("member1", "member2");

    suite.kafleet("apply", "-f", podinfo.resolve("virtualservice-green-80.yaml").toString());
    Suite.await(
        () ->
            get(suite.stack().trafficUrl() + "/api/v1/virtualservices/default/podinfo/history")
                .matches("(?s).*\"origin\":\"apply\".*\"converged\":true.*"),
        "the applied virtualservice-green-80.yaml tracked as a shift and converged");
    assertWeights(80, 20);

    String migrated =
        suite.kafleet("traffic", "set", "podinfo", "--weights", "green=100,blue=0", "--wait");
    assertThat(migrated)
        .as("kafleet traffic set --wait")
        .containsPattern("member1\\s+Converged\\s+green=100,blue=0")
        .containsPattern("member2\\s+Converged\\s+green=100,blue=0");
    assertWeights(100, 0);
  }

  private static void assertWeights(int green, int blue) {
    for (String cluster : List.of("member1", "member2")) {
      try (KubernetesClient member = suite.member(cluster)) {
        List<Map<String, Object>> route =
            Suite.istio(member, "VirtualService", "podinfo").get("spec", "http", 0, "route");
        Map<Object, Object> weights = new TreeMap<>();
        for (Map<String, Object> destination : route) {
          weights.put(
              ((Map<?, ?>) destination.get("destination")).get("subset"),
              destination.get("weight"));
        }
        assertThat(weights)
            .as("route weights read back from %s's API server", cluster)
            .isEqualTo(Map.of("green", green, "blue", blue));
      }
    }
  }

  /**
   * A Secret travels sealed for member1 only (the stack joined each member with its own key pair):
   * it arrives intact in member1's API server and never in member2's.
   */
  @Test
  void aSecretPlacedInMember1ArrivesIntactThereAndNowhereElse() throws Exception {
    Path file = suite.state().resolve("e2e-secret.yaml");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: e2e-credentials
          namespace: default
        type: Opaque
        stringData:
          password: s3cr3t-e2e
        ---
        apiVersion: policy.karmada.io/v1alpha1
        kind: PropagationPolicy
        metadata:
          name: e2e-credentials
          namespace: default
        spec:
          resourceSelectors:
            - apiVersion: v1
              kind: Secret
              name: e2e-credentials
          placement:
            clusterAffinity:
              clusterNames: [member1]
        """);

    suite.kafleet("apply", "-f", file.toString(), "--wait");

    try (KubernetesClient member1 = suite.member("member1");
        KubernetesClient member2 = suite.member("member2")) {
      var secret = member1.secrets().inNamespace("default").withName("e2e-credentials").get();
      assertThat(secret).as("the Secret in member1's API server").isNotNull();
      assertThat(new String(Base64.getDecoder().decode(secret.getData().get("password"))))
          .isEqualTo("s3cr3t-e2e");
      assertThat(member2.secrets().inNamespace("default").withName("e2e-credentials").get())
          .as("the Secret in member2's API server")
          .isNull();
    }
  }

  /** The clusters the events topic reports the shift converged in, read as any consumer would. */
  private static List<String> convergedOnTheEventsTopic(String shiftId) {
    // The broker's admin: the stack authenticates every client.
    Map<String, Object> config = new HashMap<>(suite.stack().kafkaClientProperties());
    config.put(SerdeConfig.SCHEMA_REGISTRY_URL, suite.stack().schemaRegistryUrl());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafleetAvroDeserializer.class);
    List<String> converged = new ArrayList<>();
    try (var consumer = new KafkaConsumer<String, FleetEvent>(config)) {
      TopicPartition events = new TopicPartition(Topics.DEFAULT.trafficEvents(), 0);
      consumer.assign(List.of(events));
      consumer.seekToBeginning(List.of(events));
      long end = consumer.endOffsets(List.of(events)).get(events);
      while (consumer.position(events) < end) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value().getPayload() instanceof ShiftProgress progress
              && progress.getShiftId().equals(shiftId)
              && progress.getState() == ShiftState.Converged) {
            converged.add(progress.getCluster());
          }
        }
      }
    }
    return converged;
  }

  private static String get(String url) {
    return ApiCalls.trusting(suite.stack().sslContext())
        .get(url, suite.stack().tokens().operator())
        .body();
  }

  private static String post(String url, String json) {
    HttpResponse<String> response =
        ApiCalls.trusting(suite.stack().sslContext())
            .post(url, suite.stack().tokens().operator(), "application/json", json);
    assertThat(response.statusCode()).as("POST %s: %s", url, response.body()).isEqualTo(202);
    return response.body();
  }
}
