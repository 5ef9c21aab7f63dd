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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bookinfo scenario applied verbatim over REST, with two member clusters: the execution-space
 * topics hold exactly the scenario's table; a restart writes nothing; a changed template changes
 * exactly its works.
 */
@ExtendWith(KafkaBrokerExtension.class)
class BookinfoDistributionIT {

  @Test
  void distributesBookinfoAsTheScenarioTableSaysAndNothingTwice(
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
      try (PlacementApp app = PlacementApp.start(broker, registry.url(), testTopics.prefix())) {
        String base = app.url("");
        ServiceHttp.awaitBodyContaining(base + "/api/v1/clusters", "member2");
        for (String file :
            List.of("bookinfo-karmada.yaml", "propagation.yaml", "bookinfo-gateway.yaml")) {
          HttpResponse<String> applied =
              ServiceHttp.postYaml(
                  base + "/api/v1/apply?source=" + file,
                  Files.readString(bookinfo().resolve(file)));
          assertThat(applied.statusCode()).as("apply %s: %s", file, applied.body()).isEqualTo(200);
        }
      }

      Map<String, Long> endsBeforeRestart = new java.util.HashMap<>();
      for (String cluster : List.of("member1", "member2")) {
        List<ConsumerRecord<String, Work>> works =
            readAll(broker, registry, topics.executionSpace(cluster));
        endsBeforeRestart.put(cluster, works.isEmpty() ? 0 : works.get(works.size() - 1).offset());
        assertThat(Records.liveKeys(works))
            .as("objects in %s", cluster)
            .isEqualTo(expected(cluster));
      }

      try (PlacementApp app = PlacementApp.start(broker, registry.url(), testTopics.prefix())) {
        String base = app.url("");
        ServiceHttp.awaitBodyContaining(base + "/api/v1/clusters", "member2");
        HttpResponse<String> malformed =
            ServiceHttp.postYaml(
                base + "/api/v1/apply?source=bad.yaml", "kind: Service\n  bad: [\n");
        assertThat(malformed.statusCode())
            .as("malformed YAML: %s", malformed.body())
            .isEqualTo(400);
        assertThat(malformed.body()).contains("\"field\":\"bad.yaml\"").contains("not valid YAML");
        HttpResponse<String> spread =
            ServiceHttp.postYaml(
                base + "/api/v1/apply?source=spread.yaml",
                Files.readString(bookinfo().resolve("bookinfo-karmada.yaml"))
                    + "\n---\napiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\n"
                    + "metadata: {name: spread}\nspec:\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]\n"
                    + "  placement: {workloadAffinity: {affinity: {groupByLabelKey: app}}}\n");
        assertThat(spread.statusCode())
            .as("unsupported policy field: %s", spread.body())
            .isEqualTo(400);
        assertThat(spread.body()).contains("spec.placement.workloadAffinity");

        String huge =
            "apiVersion: v1\nkind: Service\nmetadata: {name: extra}\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: huge}\ndata:\n  blob: "
                + "x".repeat(2 * 1024 * 1024)
                + "\n";
        HttpResponse<String> tooLarge =
            ServiceHttp.postYaml(base + "/api/v1/apply?source=huge.yaml", huge);
        assertThat(tooLarge.statusCode()).as("2 MiB manifest: %s", tooLarge.body()).isEqualTo(400);
        assertThat(tooLarge.body())
            .contains("\"field\":\"huge.yaml document 1\"")
            .contains("the limit is 1000000 bytes");
        assertThat(
                ServiceHttp.get(base + "/api/v1/objects/core/Service/default/extra").statusCode())
            .as("the valid object of a refused apply")
            .isEqualTo(404);

        String changedDetails =
            Files.readString(bookinfo().resolve("bookinfo-karmada.yaml"))
                .replace("app: details\n---", "app: details\n  type: ClusterIP\n---");
        HttpResponse<String> applied =
            ServiceHttp.postYaml(base + "/api/v1/apply?source=changed", changedDetails);
        assertThat(applied.statusCode())
            .as("apply with details changed: %s", applied.body())
            .isEqualTo(200);
        assertThat(applied.body())
            .contains(
                "\"objectKey\":\"core/Service/default/details\",\"generation\":2,\"result\":\"configured\"");

        String ratings = base + "/api/v1/explain/apps/Deployment/default/ratings-v1";
        assertThat(ServiceHttp.get(ratings).body())
            .contains(
                "\"policy\":\"policy.karmada.io/PropagationPolicy/default/ratings-propagation\"")
            .contains(
                "{\"cluster\":\"member1\",\"selected\":false,\"reason\":\"in clusterAffinity.exclude [member1]\"}")
            .contains("{\"cluster\":\"member2\",\"selected\":true");
        assertThat(
                ServiceHttp.get(base + "/api/v1/explain/apps/Deployment/default/nope").statusCode())
            .isEqualTo(404);

        var deleted =
            ServiceHttp.delete(base + "/api/v1/objects/apps/Deployment/default/details-v1");
        assertThat(deleted.statusCode()).as("delete: %s", deleted.body()).isEqualTo(200);
      }

      Map<String, List<String>> expectedNewKeys =
          Map.of(
              "member1",
              List.of("core/Service/default/details"),
              "member2",
              List.of("core/Service/default/details", "apps/Deployment/default/details-v1"));
      for (String cluster : List.of("member1", "member2")) {
        List<String> newKeys =
            readAll(broker, registry, topics.executionSpace(cluster)).stream()
                .filter(record -> record.offset() > endsBeforeRestart.get(cluster))
                .map(ConsumerRecord::key)
                .toList();
        assertThat(newKeys)
            .as("records written to %s after the restart, one change and one delete", cluster)
            .isEqualTo(expectedNewKeys.get(cluster));
      }
    }
  }

  private static TreeSet<String> expected(String cluster) {
    List<String> common =
        List.of(
            "apps/Deployment/default/reviews-v1",
            "apps/Deployment/default/reviews-v2",
            "apps/Deployment/default/reviews-v3",
            "core/Service/default/details",
            "core/Service/default/productpage",
            "core/Service/default/ratings",
            "core/Service/default/reviews",
            "core/ServiceAccount/default/bookinfo-reviews",
            "networking.istio.io/Gateway/default/bookinfo-gateway",
            "networking.istio.io/VirtualService/default/bookinfo");
    TreeSet<String> keys = new TreeSet<>(common);
    keys.addAll(
        cluster.equals("member1")
            ? List.of(
                "apps/Deployment/default/productpage-v1",
                "core/ServiceAccount/default/bookinfo-productpage")
            : List.of(
                "apps/Deployment/default/details-v1",
                "apps/Deployment/default/ratings-v1",
                "core/ServiceAccount/default/bookinfo-details",
                "core/ServiceAccount/default/bookinfo-ratings"));
    return keys;
  }

  private static List<ConsumerRecord<String, Work>> readAll(
      EmbeddedKafkaBroker broker, SchemaRegistryServer registry, String topic) {
    return Records.readAll(broker, registry.url(), topic);
  }

  private static Path bookinfo() {
    return SharedScenarios.scenario("bookinfo");
  }
}
