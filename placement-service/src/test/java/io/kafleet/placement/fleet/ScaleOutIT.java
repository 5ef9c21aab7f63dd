package io.kafleet.placement.fleet;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances at once: one leads and writes, the other stands by (503) and takes over, from the
 * topics, when the leader stops, without writing anything twice.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ScaleOutIT {

  @Test
  void oneInstanceWritesAndTheOtherTakesOverWithoutRewriting(
      EmbeddedKafkaBroker broker, TestTopics testTopics) throws Exception {
    Topics topics = new Topics(testTopics.prefix());
    String gateway =
        Files.readString(SharedScenarios.scenario("bookinfo").resolve("bookinfo-gateway.yaml"));
    try (var registry =
        SchemaRegistryServer.start(
            RegistrySettings.of(broker.bootstrapServers())
                .withTopic(testTopics.name("_schemas")))) {
      broker.createCompactedTopic(topics.status("member1"), 1);
      Heartbeats.send(broker, registry.url(), topics, "member1");
      PlacementApp first = PlacementApp.start(broker, registry.url(), testTopics.prefix());
      try (PlacementApp second = PlacementApp.start(broker, registry.url(), testTopics.prefix())) {
        assertThat(ServiceHttp.get(first.url("/api/v1/leadership")).body())
            .isEqualTo("{\"leader\":true}");
        assertThat(ServiceHttp.get(second.url("/api/v1/leadership")).body())
            .isEqualTo("{\"leader\":false}");
        HttpResponse<String> refused = ServiceHttp.postYaml(second.url("/api/v1/apply"), gateway);
        assertThat(refused.statusCode())
            .as("apply to the standby: %s", refused.body())
            .isEqualTo(503);
        assertThat(refused.body()).contains("standby");

        ServiceHttp.awaitBodyContaining(first.url("/api/v1/clusters"), "member1");
        assertThat(ServiceHttp.postYaml(first.url("/api/v1/apply"), gateway).statusCode())
            .isEqualTo(200);
        assertThat(works(broker, registry.url(), topics)).hasSize(2);

        first.close();
        ServiceHttp.awaitBodyContaining(second.url("/api/v1/leadership"), "true");
        assertThat(
                ServiceHttp.get(
                        second.url(
                            "/api/v1/objects/networking.istio.io/VirtualService/default/bookinfo"))
                    .statusCode())
            .as("the new leader serves what the old one stored")
            .isEqualTo(200);
        assertThat(works(broker, registry.url(), topics))
            .as("records on kafleet.es.member1 after the takeover")
            .hasSize(2);

        String changed = gateway.replace("number: 80\n", "number: 8080\n");
        HttpResponse<String> applied = ServiceHttp.postYaml(second.url("/api/v1/apply"), changed);
        assertThat(applied.body()).contains("\"generation\":2,\"result\":\"configured\"");
        assertThat(works(broker, registry.url(), topics))
            .extracting(ConsumerRecord::key)
            .as("records after one change through the new leader")
            .containsExactly(
                "networking.istio.io/Gateway/default/bookinfo-gateway",
                "networking.istio.io/VirtualService/default/bookinfo",
                "networking.istio.io/Gateway/default/bookinfo-gateway");
      } finally {
        first.close();
      }
    }
  }

  private static List<ConsumerRecord<String, Work>> works(
      EmbeddedKafkaBroker broker, String registryUrl, Topics topics) {
    return Records.readAll(broker, registryUrl, topics.executionSpace("member1"));
  }
}
