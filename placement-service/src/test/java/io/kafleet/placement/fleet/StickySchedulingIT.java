package io.kafleet.placement.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafleet.events.ClusterHeartbeat;
import io.kafleet.events.StatusEvent;
import io.kafleet.events.TemplateSchedule;
import io.kafleet.events.Work;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.placement.Heartbeats;
import io.kafleet.placement.PlacementApp;
import io.kafleet.placement.Records;
import io.kafleet.placement.ServiceHttp;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scheduling decisions are kept in Kafka: with placement-service on a real broker and three
 * clusters whose agents this test stands in for, Divided replicas keep their split while the
 * clusters' capacity changes, and a restarted placement-service reads the split back from {@code
 * kafleet.schedules} although a fresh decision would divide differently. {@code FailoverE2EIT}
 * shows the rest with real members.
 */
@ExtendWith(KafkaBrokerExtension.class)
class StickySchedulingIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern SHARE = Pattern.compile("; (\\d+) of 10 replicas");
  private static final List<String> MEMBERS = List.of("member1", "member2", "member3");

  private static final String POLICY =
      """
      apiVersion: policy.karmada.io/v1alpha1
      kind: PropagationPolicy
      metadata: {name: %1$s}
      spec:
        resourceSelectors: [{apiVersion: %2$s, kind: %3$s, name: %1$s}]
        placement:
          clusterAffinity: {clusterNames: [member1, member2, member3]}
      %4$s
      ---
      """;

  @Test
  void aDividedDeploymentKeepsItsSplitWhileCapacityChangesAndAcrossARestart(
      EmbeddedKafkaBroker broker, TestTopics testTopics) throws Exception {
    Topics topics = new Topics(testTopics.prefix());
    String divided =
        """
          replicaScheduling:
            replicaSchedulingType: Divided
            replicaDivisionPreference: Weighted
            weightPreference: {dynamicWeight: AvailableReplicas}
        """;
    try (var registry = registry(broker, testTopics)) {
      Map<String, Integer> split;
      try (PlacementApp app = start(broker, registry, topics)) {
        apply(app, deployment("web") + policy("web", "apps/v1", "Deployment", divided));
        split = shares(app, "apps/Deployment/default/web");
        assertThat(split.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
        assertThat(split).as("equal room, equal shares").containsOnlyKeys(MEMBERS);
        int works = allWorks(broker, registry, topics);

        // member1 fills up, member3 frees up.
        heartbeat(broker, registry, topics, "member1", 5_800);
        heartbeat(broker, registry, topics, "member3", 0);
        await("placement-service sees member1's capacity")
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    ServiceHttp.get(app.url("/api/v1/clusters/member1"))
                        .body()
                        .contains("\"allocatedCpuMillis\":5800"));
        apply(app, deployment("web-later") + policy("web-later", "apps/v1", "Deployment", divided));
        Map<String, Integer> later = shares(app, "apps/Deployment/default/web-later");
        assertThat(later)
            .as("a new Deployment is divided by the room there is now")
            .isNotEqualTo(split);

        assertThat(shares(app, "apps/Deployment/default/web"))
            .as("web keeps its split")
            .isEqualTo(split);
        assertThat(allWorks(broker, registry, topics))
            .as("only web-later's works were written")
            .isEqualTo(works + later.size());
      }
      List<ConsumerRecord<String, TemplateSchedule>> schedules =
          Records.readAll(broker, registry.url(), topics.schedules());
      assertThat(schedules)
          .filteredOn(record -> record.key().equals("apps/Deployment/default/web"))
          .last()
          .satisfies(
              record -> assertThat(new TreeMap<>(record.value().getReplicas())).isEqualTo(split));

      try (PlacementApp restarted = PlacementApp.start(broker, registry.url(), topics.prefix())) {
        assertThat(shares(restarted, "apps/Deployment/default/web"))
            .as("read back from kafleet.schedules by the next leader")
            .isEqualTo(split);
      }
    }
  }

  // ---- the fleet

  private static SchemaRegistryServer registry(EmbeddedKafkaBroker broker, TestTopics testTopics) {
    return SchemaRegistryServer.start(
        RegistrySettings.of(broker.bootstrapServers()).withTopic(testTopics.name("_schemas")));
  }

  private static PlacementApp start(
      EmbeddedKafkaBroker broker, SchemaRegistryServer registry, Topics topics) throws Exception {
    for (String member : MEMBERS) {
      broker.createCompactedTopic(topics.status(member), 1);
      heartbeat(broker, registry, topics, member, 1_000);
    }
    PlacementApp app = PlacementApp.start(broker, registry.url(), topics.prefix());
    try {
      for (String member : MEMBERS) {
        ServiceHttp.awaitBodyContaining(app.url("/api/v1/clusters/" + member), "\"ready\":true");
      }
    } catch (Exception | AssertionError e) {
      app.close();
      throw e;
    }
    return app;
  }

  /** A heartbeat from the member's agent: 6 CPUs of which {@code allocatedCpuMillis} are taken. */
  private static void heartbeat(
      EmbeddedKafkaBroker broker,
      SchemaRegistryServer registry,
      Topics topics,
      String member,
      long allocatedCpuMillis)
      throws Exception {
    ClusterHeartbeat heartbeat =
        ClusterHeartbeat.newBuilder(Heartbeats.heartbeat(member, "v1.34.1", Instant.now()))
            .setLabels(Map.of())
            .setAllocatedCpuMillis(allocatedCpuMillis)
            .build();
    Heartbeats.publish(
        broker, registry.url(), topics.status(member), member, new StatusEvent(member, heartbeat));
  }

  private static void apply(PlacementApp app, String yaml) throws Exception {
    var applied = ServiceHttp.postYaml(app.url("/api/v1/apply?source=test.yaml"), yaml);
    assertThat(applied.statusCode()).as("apply: %s", applied.body()).isEqualTo(200);
  }

  private static String policy(String name, String apiVersion, String kind, String placement) {
    return POLICY.formatted(name, apiVersion, kind, placement.indent(2).stripTrailing());
  }

  private static String deployment(String name) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %1$s}
        spec:
          replicas: 10
          selector: {matchLabels: {app: %1$s}}
          template:
            metadata: {labels: {app: %1$s}}
            spec:
              containers:
                - {name: web, image: nginx, resources: {requests: {cpu: 100m}}}
        ---
        """
        .formatted(name);
  }

  // ---- what placement-service decided

  private static JsonNode explain(PlacementApp app, String key) throws Exception {
    var response = ServiceHttp.get(app.url("/api/v1/explain/" + key));
    assertThat(response.statusCode()).as("explain %s: %s", key, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** Each selected cluster's share of the Deployment's replicas, as explain gives them. */
  private static Map<String, Integer> shares(PlacementApp app, String key) throws Exception {
    Map<String, Integer> shares = new TreeMap<>();
    for (JsonNode verdict : explain(app, key).path("clusters")) {
      String reason = verdict.path("reason").asString();
      if (verdict.path("selected").asBoolean()) {
        Matcher share = SHARE.matcher(reason);
        assertThat(share.find()).as("a share in %s", reason).isTrue();
        shares.put(verdict.path("cluster").asString(), Integer.parseInt(share.group(1)));
      }
    }
    return shares;
  }

  // ---- what the execution spaces hold

  private static int allWorks(
      EmbeddedKafkaBroker broker, SchemaRegistryServer registry, Topics topics) {
    int works = 0;
    for (String member : MEMBERS) {
      works += Records.<Work>readAll(broker, registry.url(), topics.executionSpace(member)).size();
    }
    return works;
  }
}
