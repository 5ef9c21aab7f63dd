package io.kafleet.placement.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.Health;
import io.kafleet.events.StatusEvent;
import io.kafleet.events.TemplateStatusChanged;
import io.kafleet.events.Work;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.placement.Heartbeats;
import io.kafleet.placement.PlacementApp;
import io.kafleet.placement.Records;
import io.kafleet.placement.ServiceHttp;
import io.kafleet.placement.SharedScenarios;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.schemas.Topics;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Agents' work reports fold into one status per template, served by the API and published as fleet
 * events; a report on another cluster's behalf is ignored.
 */
@ExtendWith(KafkaBrokerExtension.class)
class StatusAggregationIT {

  private static final String GATEWAY = "networking.istio.io/Gateway/default/bookinfo-gateway";

  @Test
  void foldsTheAgentsReportsIntoTheTemplatesStatus(
      EmbeddedKafkaBroker broker, TestTopics testTopics) throws Exception {
    Topics topics = new Topics(testTopics.prefix());
    String gateway =
        Files.readString(SharedScenarios.scenario("bookinfo").resolve("bookinfo-gateway.yaml"));
    try (var registry =
        SchemaRegistryServer.start(
            RegistrySettings.of(broker.bootstrapServers())
                .withTopic(testTopics.name("_schemas")))) {
      for (String cluster : List.of("member1", "member2")) {
        broker.createCompactedTopic(topics.status(cluster), 1);
        Heartbeats.send(broker, registry.url(), topics, cluster);
      }
      try (PlacementApp app = PlacementApp.start(broker, registry.url(), testTopics.prefix())) {
        ServiceHttp.awaitBodyContaining(app.url("/api/v1/clusters"), "member2");
        assertThat(ServiceHttp.postYaml(app.url("/api/v1/apply"), gateway).statusCode())
            .isEqualTo(200);
        String object =
            app.url("/api/v1/objects/networking.istio.io/Gateway/default/bookinfo-gateway");
        assertThat(ServiceHttp.get(object).body()).contains("\"health\":\"Progressing\"");

        String hash = workHash(broker, registry.url(), topics, "member1");
        report(broker, registry.url(), topics, "member1", "member1", WorkPhase.Applied, hash);
        ServiceHttp.awaitBodyContaining(
            object, "\"cluster\":\"member1\",\"phase\":\"Applied\",\"health\":\"Healthy\"");
        // Statuses are published in batches: let this one go out before the next reports arrive.
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> publishedHealth(broker, registry.url(), topics).size() == 2);
        // member1's agent claiming member2 failed: had it counted, Unhealthy would be published.
        report(broker, registry.url(), topics, "member1", "member2", WorkPhase.Failed, hash);
        report(broker, registry.url(), topics, "member2", "member2", WorkPhase.Applied, hash);
        String healthy =
            ServiceHttp.awaitBodyContaining(object, "\"health\":\"Healthy\",\"clusters\"");
        assertThat(ServiceHttp.get(app.url("/api/v1/objects?kind=gateway")).body())
            .as("listed by kind, case-insensitive as kubectl")
            .contains(healthy);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> publishedHealth(broker, registry.url(), topics).contains("Healthy"));
      }

      assertThat(publishedHealth(broker, registry.url(), topics))
          .as("TemplateStatusChanged for %s on %s", GATEWAY, topics.placementEvents())
          .containsExactly("Progressing", "Progressing", "Healthy");
    }
  }

  /** The health of every TemplateStatusChanged published for the gateway, in order. */
  private static List<String> publishedHealth(
      EmbeddedKafkaBroker broker, String registryUrl, Topics topics) {
    return Records.<FleetEvent>readAll(broker, registryUrl, topics.placementEvents()).stream()
        .map(record -> record.value().getPayload())
        .filter(TemplateStatusChanged.class::isInstance)
        .map(TemplateStatusChanged.class::cast)
        .filter(status -> status.getObjectKey().equals(GATEWAY))
        .map(status -> status.getHealth().name())
        .toList();
  }

  private static String workHash(
      EmbeddedKafkaBroker broker, String registryUrl, Topics topics, String cluster) {
    return Records.<Work>readAll(broker, registryUrl, topics.executionSpace(cluster)).stream()
        .filter(record -> record.key().equals(GATEWAY))
        .reduce((first, second) -> second)
        .orElseThrow()
        .value()
        .getContentHash();
  }

  /** A report on the gateway, written on {@code topicOf}'s status topic. */
  private static void report(
      EmbeddedKafkaBroker broker,
      String registryUrl,
      Topics topics,
      String topicOf,
      String claimedCluster,
      WorkPhase phase,
      String hash)
      throws Exception {
    WorkStatus status =
        WorkStatus.newBuilder()
            .setCluster(claimedCluster)
            .setObjectKey(GATEWAY)
            .setAppliedHash(hash)
            .setAppliedGeneration(1L)
            .setPhase(phase)
            .setHealth(phase == WorkPhase.Applied ? Health.Healthy : Health.Unknown)
            .setLiveSummary(Map.of())
            .setReportedAt(Instant.now())
            .build();
    Heartbeats.publish(
        broker,
        registryUrl,
        topics.status(topicOf),
        GATEWAY,
        new StatusEvent(claimedCluster, status));
  }
}
