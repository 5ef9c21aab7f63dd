package io.kafleet.placement.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.ClusterStateChanged;
import io.kafleet.events.FleetEvent;
import io.kafleet.events.Work;
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
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clusters join by heartbeating, receive work only once accepted, and go NotReady when they fall
 * silent, keeping their works; every transition is published for outside consumers.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ClusterMembershipIT {

  @Test
  void aClusterGetsWorkOnceAcceptedAndKeepsItWhileNotReady(
      EmbeddedKafkaBroker broker, TestTopics testTopics) throws Exception {
    Topics topics = new Topics(testTopics.prefix());
    broker.createCompactedTopic(topics.status("member1"), 1);
    String gateway =
        Files.readString(SharedScenarios.scenario("bookinfo").resolve("bookinfo-gateway.yaml"));

    try (var registry =
        SchemaRegistryServer.start(
            RegistrySettings.of(broker.bootstrapServers())
                .withTopic(testTopics.name("_schemas")))) {
      Heartbeats.send(broker, registry.url(), topics, "member1");
      try (PlacementApp app =
          PlacementApp.start(
              broker,
              registry.url(),
              testTopics.prefix(),
              "--kafleet.clusters.auto-accept=false")) {
        String member1 = app.url("/api/v1/clusters/member1");
        ServiceHttp.awaitBodyContaining(member1, "\"accepted\":false");
        assertThat(ServiceHttp.postYaml(app.url("/api/v1/apply?source=gw"), gateway).statusCode())
            .isEqualTo(200);
        assertThat(
                ServiceHttp.get(
                        app.url(
                            "/api/v1/explain/networking.istio.io/Gateway/default/bookinfo-gateway"))
                    .body())
            .contains("not accepted into the fleet");

        var accepted = ServiceHttp.post(app.url("/api/v1/clusters/member1/accept"));
        assertThat(accepted.statusCode()).as("accept: %s", accepted.body()).isEqualTo(200);
        assertThat(accepted.body()).contains("\"accepted\":true");
      }
      assertThat(keys(Records.readAll(broker, registry.url(), topics.executionSpace("member1"))))
          .as("works written once member1 was accepted")
          .containsExactly(
              "networking.istio.io/Gateway/default/bookinfo-gateway",
              "networking.istio.io/VirtualService/default/bookinfo");

      // Restarted with a 1s heartbeat and 2 allowed misses: member1's last heartbeat is too old.
      try (PlacementApp app =
          PlacementApp.start(
              broker,
              registry.url(),
              testTopics.prefix(),
              "--kafleet.clusters.auto-accept=false",
              "--kafleet.clusters.heartbeat-interval=1s",
              "--kafleet.clusters.missed-heartbeats=2")) {
        String member1 = app.url("/api/v1/clusters/member1");
        ServiceHttp.awaitBodyContaining(member1, "\"ready\":false");
        assertThat(ServiceHttp.get(member1).body())
            .as("the admission is read back from kafleet.clusters")
            .contains("\"accepted\":true");

        Heartbeats.send(broker, registry.url(), topics, "member1");
        ServiceHttp.awaitBodyContaining(member1, "\"ready\":true");
      }

      List<ConsumerRecord<String, Work>> works =
          Records.readAll(broker, registry.url(), topics.executionSpace("member1"));
      assertThat(works)
          .as("records on kafleet.es.member1 after NotReady and back: still the two works")
          .hasSize(2)
          .allMatch(record -> record.value() != null);
      List<String> transitions =
          Records.<FleetEvent>readAll(broker, registry.url(), topics.placementEvents()).stream()
              .map(record -> record.value().getPayload())
              .filter(ClusterStateChanged.class::isInstance)
              .map(ClusterStateChanged.class::cast)
              .map(c -> c.getCluster() + " accepted=" + c.getAccepted() + " ready=" + c.getReady())
              .toList();
      assertThat(transitions)
          .as("ClusterStateChanged events on %s", topics.placementEvents())
          .containsSubsequence(
              "member1 accepted=false ready=true",
              "member1 accepted=true ready=true",
              "member1 accepted=true ready=false",
              "member1 accepted=true ready=true");
    }
  }

  private static List<String> keys(List<ConsumerRecord<String, Work>> records) {
    return records.stream()
        .filter(r -> Objects.nonNull(r.value()))
        .map(r -> r.key())
        .sorted()
        .toList();
  }
}
