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
 * An OverridePolicy over REST on top of bookinfo: a bad one is refused and changes nothing; a good
 * one rewrites exactly the work of its cluster, survives a restart without re-emitting, and its
 * deletion reverts that work.
 */
@ExtendWith(KafkaBrokerExtension.class)
class OverrideDistributionIT {

  private static final String REVIEWS = "apps/Deployment/default/reviews-v1";
  private static final String MIRROR =
      """
      apiVersion: policy.karmada.io/v1alpha1
      kind: OverridePolicy
      metadata: {name: reviews-mirror}
      spec:
        resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: reviews-v1}]
        overrideRules:
          - targetCluster: {clusterNames: [member1]}
            overriders:
              imageOverrider: [{component: Registry, operator: replace, value: mirror.example.com}]
      """;

  @Test
  void anOverrideRewritesExactlyItsClustersWorkAndDeletingItRevertsIt(
      EmbeddedKafkaBroker broker, TestTopics testTopics) throws Exception {
    Topics topics = new Topics(testTopics.prefix());
    try (var registry =
        SchemaRegistryServer.start(
            RegistrySettings.of(broker.bootstrapServers())
                .withTopic(testTopics.name("_schemas")))) {
      for (String cluster : List.of("member1", "member2")) {
        broker.createCompactedTopic(topics.status(cluster), 1);
        Heartbeats.send(broker, registry.url(), topics, cluster);
      }
      String member1 = topics.executionSpace("member1");
      String member2 = topics.executionSpace("member2");

      try (PlacementApp app = PlacementApp.start(broker, registry.url(), testTopics.prefix())) {
        String base = app.url("");
        ServiceHttp.awaitBodyContaining(base + "/api/v1/clusters", "member2");
        for (String file : List.of("bookinfo-karmada.yaml", "propagation.yaml")) {
          HttpResponse<String> applied =
              ServiceHttp.postYaml(
                  base + "/api/v1/apply?source=" + file,
                  Files.readString(SharedScenarios.scenario("bookinfo").resolve(file)));
          assertThat(applied.statusCode()).as("apply %s: %s", file, applied.body()).isEqualTo(200);
        }
        int member1Before = readAll(broker, registry, member1).size();
        int member2Before = readAll(broker, registry, member2).size();

        HttpResponse<String> bad =
            ServiceHttp.postYaml(
                base + "/api/v1/apply?source=bad.yaml",
                MIRROR.replace(
                    "imageOverrider: [{component: Registry, operator: replace, value: mirror.example.com}]",
                    "plaintext: [{path: /spec/strategy/type, operator: replace, value: Recreate}]"));
        assertThat(bad.statusCode()).as("bad override: %s", bad.body()).isEqualTo(400);
        assertThat(bad.body())
            .contains(
                "\"field\":\"bad.yaml document 0 spec.overrideRules[0].overriders.plaintext[0]\"")
            .contains("nothing at /spec/strategy");

        HttpResponse<String> good =
            ServiceHttp.postYaml(base + "/api/v1/apply?source=mirror.yaml", MIRROR);
        assertThat(good.statusCode()).as("override: %s", good.body()).isEqualTo(200);
        List<ConsumerRecord<String, Work>> member1Works = readAll(broker, registry, member1);
        assertThat(member1Works.subList(member1Before, member1Works.size()))
            .singleElement()
            .satisfies(
                record -> {
                  assertThat(record.key()).isEqualTo(REVIEWS);
                  assertThat(record.value().getManifest())
                      .contains(
                          "\"image\":\"mirror.example.com/ack-demo/examples-bookinfo-reviews-v1:1.19.1\"");
                });
        assertThat(readAll(broker, registry, member2)).hasSize(member2Before);
        assertThat(ServiceHttp.get(base + "/api/v1/explain/" + REVIEWS).body())
            .contains(
                "\"overrides\":[\"policy.karmada.io/OverridePolicy/default/reviews-mirror\"]");

        String application =
            Files.readString(
                    SharedScenarios.scenario("podinfo-blue-green").resolve("application.yaml"))
                .replace("<clusterid1>", "member1")
                .replace("<clusterid2>", "member2");
        assertThat(
                ServiceHttp.postYaml(base + "/api/v1/apply?source=app.yaml", application)
                    .statusCode())
            .isEqualTo(200);
        HttpResponse<String> samePublishVersion =
            ServiceHttp.postYaml(
                base + "/api/v1/apply?source=app.yaml",
                application.replace("\"member1\",\"member2\"", "\"member1\""));
        assertThat(samePublishVersion.body())
            .contains("\"generation\":1,\"result\":\"unchanged\"")
            .contains("app.oam.dev/publishVersion is still version1");
      }

      int member1AfterOverride = readAll(broker, registry, member1).size();
      try (PlacementApp app = PlacementApp.start(broker, registry.url(), testTopics.prefix())) {
        String base = app.url("");
        ServiceHttp.awaitBodyContaining(base + "/api/v1/clusters", "member2");
        assertThat(readAll(broker, registry, member1))
            .as("the override is read back at start: nothing is re-emitted")
            .hasSize(member1AfterOverride);

        var deleted =
            ServiceHttp.delete(
                base + "/api/v1/objects/policy.karmada.io/OverridePolicy/default/reviews-mirror");
        assertThat(deleted.statusCode()).as("delete: %s", deleted.body()).isEqualTo(200);
        List<ConsumerRecord<String, Work>> reverted = readAll(broker, registry, member1);
        assertThat(reverted.subList(member1AfterOverride, reverted.size()))
            .singleElement()
            .satisfies(
                record -> {
                  assertThat(record.key()).isEqualTo(REVIEWS);
                  assertThat(record.value().getManifest())
                      .contains(
                          "\"image\":\"registry-cn-hangzhou.ack.aliyuncs.com/ack-demo/examples-bookinfo-reviews-v1:1.19.1\"");
                });
      }
    }
  }

  private static List<ConsumerRecord<String, Work>> readAll(
      EmbeddedKafkaBroker broker, SchemaRegistryServer registry, String topic) {
    return Records.readAll(broker, registry.url(), topic);
  }
}
