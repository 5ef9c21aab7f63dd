package io.kafleet.placement.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.DestinationWeight;
import io.kafleet.events.ObjectRef;
import io.kafleet.events.RouteWeights;
import io.kafleet.events.TrafficShiftRequested;
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
import io.kafleet.serde.KafleetAvroSerializer;
import io.kafleet.serde.SerdeConfig;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The podinfo scenario as a user applies it (the Application's cluster placeholders replaced as
 * text): both Deployments, the Service and the Istio objects land in both members; weight shifts
 * published by traffic-service reach the VirtualService of every cluster, or of the named ones.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PodinfoDistributionIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

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

  @Test
  void rendersWeightShiftsForAllClustersOrSomeIntoTheirVirtualServices(
      EmbeddedKafkaBroker broker, TestTopics testTopics) throws Exception {
    Topics topics = new Topics(testTopics.prefix());
    Path podinfo = SharedScenarios.scenario("podinfo-blue-green");
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
        for (String file : List.of("destinationrule.yaml", "virtualservice-blue.yaml")) {
          ServiceHttp.postYaml(app.url("/api/v1/apply"), Files.readString(podinfo.resolve(file)));
        }
        String vs = app.url("/api/v1/objects/networking.istio.io/VirtualService/default/podinfo");

        publish(broker, registry.url(), topics, shift("s1", List.of(), 80));
        ServiceHttp.awaitBodyContaining(vs, "\"generation\":2");
        publish(broker, registry.url(), topics, shift("s2", List.of("member1"), 50));
        ServiceHttp.awaitBodyContaining(
            app.url("/api/v1/explain/networking.istio.io/VirtualService/default/podinfo"),
            "kafleet-weights-podinfo");
      }

      assertThat(greenWeight(broker, registry.url(), topics, "member1"))
          .as("member1's VirtualService after the shift to green 50 in member1 only")
          .isEqualTo(50);
      assertThat(greenWeight(broker, registry.url(), topics, "member2"))
          .as("member2's VirtualService after the shift to green 80 everywhere")
          .isEqualTo(80);
    }
  }

  private static TrafficShiftRequested shift(String id, List<String> clusters, int green) {
    return TrafficShiftRequested.newBuilder()
        .setShiftId(id)
        .setVirtualService(
            new ObjectRef("networking.istio.io", "VirtualService", "default", "podinfo"))
        .setWeights(
            new RouteWeights(
                null,
                0,
                List.of(
                    new DestinationWeight("podinfo", "green", 80, green),
                    new DestinationWeight("podinfo", "blue", 80, 100 - green))))
        .setClusters(clusters)
        .setRequestedBy("test")
        .setRequestedAt(Instant.now())
        .build();
  }

  private static void publish(
      EmbeddedKafkaBroker broker, String registryUrl, Topics topics, TrafficShiftRequested shift)
      throws Exception {
    Map<String, Object> config = broker.clientConfig();
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafleetAvroSerializer.class);
    config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
    try (var producer = new KafkaProducer<String, TrafficShiftRequested>(config)) {
      producer.send(new ProducerRecord<>(topics.trafficShifts(), "podinfo", shift)).get();
    }
  }

  private static int greenWeight(
      EmbeddedKafkaBroker broker, String registryUrl, Topics topics, String cluster) {
    List<ConsumerRecord<String, Work>> works =
        Records.readAll(broker, registryUrl, topics.executionSpace(cluster));
    String manifest =
        works.stream()
            .filter(r -> r.key().equals("networking.istio.io/VirtualService/default/podinfo"))
            .reduce((first, second) -> second)
            .orElseThrow()
            .value()
            .getManifest();
    JsonNode route = JSON.readTree(manifest).path("spec").path("http").get(0).path("route");
    for (JsonNode destination : route) {
      if (destination.path("destination").path("subset").asString().equals("green")) {
        return destination.path("weight").asInt();
      }
    }
    throw new AssertionError("no green destination in " + cluster + "'s VirtualService: " + route);
  }
}
