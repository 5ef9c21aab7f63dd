package io.kafleet.placement.fleet;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The podinfo scenario as a user applies it (the Application's cluster placeholders replaced as
 * text): both Deployments, the Service and the Istio objects land in both members.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PodinfoDistributionIT {

  @Test
  void placesPodinfoInEveryClusterOfTheTopology(EmbeddedKafkaBroker broker, TestTopics testTopics)
      throws Exception {
    Topics topics = new Topics(testTopics.prefix());
    Path podinfo = SharedScenarios.scenario("podinfo-blue-green");
    try (var registry =
        SchemaRegistryServer.start(
            RegistrySettings.of(broker.bootstrapServers())
                .withTopic(testTopics.name("_schemas")))) {
      for (String cluster : List.of("member1", "member2", "member3")) {
        broker.createCompactedTopic(topics.status(cluster), 1);
        Heartbeats.send(broker, registry.url(), topics, cluster);
      }
      try (PlacementApp app = PlacementApp.start(broker, registry.url(), testTopics.prefix())) {
        ServiceHttp.awaitBodyContaining(app.url("/api/v1/clusters"), "member3");
        for (String file :
            List.of(
                "base.yaml",
                "application.yaml",
                "gateway.yaml",
                "destinationrule.yaml",
                "virtualservice-blue.yaml")) {
          String yaml =
              Files.readString(podinfo.resolve(file))
                  .replace("<clusterid1>", "member1")
                  .replace("<clusterid2>", "member2");
          HttpResponse<String> applied =
              ServiceHttp.postYaml(app.url("/api/v1/apply?source=" + file), yaml);
          assertThat(applied.statusCode()).as("apply %s: %s", file, applied.body()).isEqualTo(200);
        }
      }

      List<String> workloads =
          List.of(
              "apps/Deployment/default/podinfo-blue",
              "apps/Deployment/default/podinfo-green",
              "core/Service/default/podinfo");
      for (String cluster : List.of("member1", "member2")) {
        assertThat(
                Records.liveKeys(
                    Records.readAll(broker, registry.url(), topics.executionSpace(cluster))))
            .as("works in kafleet.es.%s", cluster)
            .containsAll(workloads)
            .anyMatch(key -> key.startsWith("networking.istio.io/VirtualService/"))
            .anyMatch(key -> key.startsWith("networking.istio.io/DestinationRule/"))
            .anyMatch(key -> key.startsWith("networking.istio.io/Gateway/"));
      }
      assertThat(
              Records.liveKeys(
                  Records.readAll(broker, registry.url(), topics.executionSpace("member3"))))
          .as("member3 is not in the topology: only the fleet-wide Istio rules")
          .doesNotContainAnyElementsOf(workloads)
          .allMatch(key -> key.startsWith("networking.istio.io/"));
    }
  }
}
