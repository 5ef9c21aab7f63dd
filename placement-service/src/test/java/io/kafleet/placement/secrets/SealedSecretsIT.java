package io.kafleet.placement.secrets;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.kafleet.sealing.SealingKeys;
import io.kafleet.sealing.SecretManifests;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Secret placed in member1 travels sealed for member1's key: a consumer reading
 * kafleet.es.member1 with every right sees no value, member1's key opens it intact, member2 never
 * gets it, and a Secret for a cluster without a key is refused.
 */
@ExtendWith(KafkaBrokerExtension.class)
class SealedSecretsIT {

  private static final String PASSWORD = "correct-horse-battery-staple-42";
  private static final String SECRET_KEY = "core/Secret/shop/db";
  private static final String CONTROL_PLANE_KEY =
      Base64.getEncoder().encodeToString("a control-plane key of 32 bytes!".getBytes(UTF_8));

  private static final String SECRET_TO_MEMBER1 =
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: shop}
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: db, namespace: shop, labels: {app: db}}
      stringData: {password: %s}
      ---
      apiVersion: policy.karmada.io/v1alpha1
      kind: PropagationPolicy
      metadata: {name: db, namespace: shop}
      spec:
        resourceSelectors: [{apiVersion: v1, kind: Secret, name: db}]
        placement: {clusterAffinity: {clusterNames: [member1]}}
      ---
      apiVersion: policy.karmada.io/v1alpha1
      kind: ClusterPropagationPolicy
      metadata: {name: shop}
      spec:
        resourceSelectors: [{apiVersion: v1, kind: Namespace, name: shop}]
        placement: {clusterAffinity: {clusterNames: [member1, member2]}}
      """
          .formatted(PASSWORD);

  private static final String SECRET_TO_MEMBER2 =
      """
      apiVersion: v1
      kind: Secret
      metadata: {name: other, namespace: shop}
      stringData: {password: %s}
      ---
      apiVersion: policy.karmada.io/v1alpha1
      kind: PropagationPolicy
      metadata: {name: other, namespace: shop}
      spec:
        resourceSelectors: [{apiVersion: v1, kind: Secret, name: other}]
        placement: {clusterAffinity: {clusterNames: [member2]}}
      """
          .formatted(PASSWORD);

  @Test
  void aSecretTravelsSealedForItsClusterOnly(EmbeddedKafkaBroker broker, TestTopics testTopics)
      throws Exception {
    Topics topics = new Topics(testTopics.prefix());
    KeyPair member1 = SealingKeys.generate();
    broker.createCompactedTopic(topics.status("member1"), 1);
    broker.createCompactedTopic(topics.status("member2"), 1);
    try (var registry =
        SchemaRegistryServer.start(
            RegistrySettings.of(broker.bootstrapServers())
                .withTopic(testTopics.name("_schemas")))) {
      Heartbeats.send(broker, registry.url(), topics, "member1");
      Heartbeats.send(broker, registry.url(), topics, "member2");
      try (PlacementApp app = start(broker, registry.url(), testTopics)) {
        ServiceHttp.awaitBodyContaining(app.url("/api/v1/clusters/member2"), "\"ready\":true");
        var badKey =
            ServiceHttp.putJson(
                app.url("/api/v1/clusters/member1/admission"),
                "{\"accepted\":true,\"sealingPublicKey\":\""
                    + SealingKeys.encode(member1.getPrivate())
                    + "\"}");
        assertThat(badKey.statusCode())
            .as("a private key given as public: %s", badKey.body())
            .isEqualTo(400);
        assertThat(badKey.body()).contains("sealingPublicKey").contains("not an X25519 public key");
        var admitted =
            ServiceHttp.putJson(
                app.url("/api/v1/clusters/member1/admission"),
                "{\"accepted\":true,\"sealingPublicKey\":\""
                    + SealingKeys.encode(member1.getPublic())
                    + "\"}");
        assertThat(admitted.statusCode()).as("admission: %s", admitted.body()).isEqualTo(200);

        var applied = ServiceHttp.postYaml(app.url("/api/v1/apply?source=db"), SECRET_TO_MEMBER1);
        assertThat(applied.statusCode()).as("apply: %s", applied.body()).isEqualTo(200);
        var refused =
            ServiceHttp.postYaml(app.url("/api/v1/apply?source=other"), SECRET_TO_MEMBER2);
        assertThat(refused.statusCode()).as("apply: %s", refused.body()).isEqualTo(400);
        assertThat(refused.body())
            .contains("cluster member2 has no sealing key: Secrets are never sent in plain text")
            .doesNotContain(PASSWORD);
        assertThat(ServiceHttp.get(app.url("/api/v1/objects")).body())
            .doesNotContain(PASSWORD)
            .contains("\"labels\":{\"app\":\"db\"}");
        var shown = ServiceHttp.get(app.url("/api/v1/objects/core/Secret/shop/db/manifest"));
        assertThat(shown.statusCode()).as("manifest: %s", shown.body()).isEqualTo(200);
        assertThat(shown.body())
            .as("the console's YAML of the Secret")
            .contains("\"password\":\"(withheld)\"", "\"kind\":\"Secret\"")
            .doesNotContain(PASSWORD);
        assertThat(
                ServiceHttp.get(app.url("/api/v1/objects/core/Secret/shop/other/manifest"))
                    .statusCode())
            .isEqualTo(404);
      }

      List<String> raw = rawValues(broker, topics.executionSpace("member1"));
      assertThat(raw).as("records on kafleet.es.member1").hasSize(2);
      assertThat(raw)
          .allSatisfy(
              value ->
                  assertThat(value)
                      .doesNotContain(PASSWORD)
                      .doesNotContain(base64(PASSWORD))
                      .doesNotContain(base64(PASSWORD).substring(0, 16)));
      Work secret = work(broker, registry.url(), topics.executionSpace("member1"), SECRET_KEY);
      assertThat(secret.getManifest()).contains("\"name\":\"db\"").contains("\"app\":\"db\"");
      assertThat(
              SecretManifests.open(
                  secret.getManifest(),
                  secret.getSealedData(),
                  member1.getPrivate(),
                  "member1",
                  SECRET_KEY))
          .contains("\"stringData\":{\"password\":\"" + PASSWORD + "\"}");
      assertThat(
              Records.liveKeys(
                  Records.readAll(broker, registry.url(), topics.executionSpace("member2"))))
          .as("member2 gets the namespace, never the Secret")
          .containsExactly("core/Namespace/_/shop");

      assertThat(rawValues(broker, topics.templates()))
          .as("records on kafleet.templates")
          .hasSize(2)
          .allSatisfy(
              value -> assertThat(value).doesNotContain(PASSWORD).doesNotContain(base64(PASSWORD)));

      try (PlacementApp app = start(broker, registry.url(), testTopics)) {
        ServiceHttp.awaitBodyContaining(app.url("/api/v1/objects"), SECRET_KEY);
        var unchanged = ServiceHttp.postYaml(app.url("/api/v1/apply?source=db"), SECRET_TO_MEMBER1);
        assertThat(unchanged.body())
            .as("the sealed template is read back as it was submitted")
            .contains(
                "\"objectKey\":\"" + SECRET_KEY + "\",\"generation\":1,\"result\":\"unchanged\"")
            .doesNotContain("configured");
      }
      assertThat(rawValues(broker, topics.executionSpace("member1")))
          .as("a restart with the same control-plane key re-sends no unchanged Secret")
          .hasSize(2);
    }
  }

  private static PlacementApp start(
      EmbeddedKafkaBroker broker, String registry, TestTopics topics) {
    return PlacementApp.start(
        broker,
        registry,
        topics.prefix(),
        "--kafleet.clusters.auto-accept=true",
        "--kafleet.secrets.control-plane-key=" + CONTROL_PLANE_KEY);
  }

  private static Work work(EmbeddedKafkaBroker broker, String registry, String topic, String key) {
    return Records.<Work>readAll(broker, registry, topic).stream()
        .filter(record -> record.key().equals(key))
        .reduce((first, second) -> second)
        .orElseThrow(() -> new AssertionError("no record of " + key + " on " + topic))
        .value();
  }

  /** Every value of the topic as raw bytes, read as a consumer with every read right would. */
  private static List<String> rawValues(EmbeddedKafkaBroker broker, String topic) {
    Map<String, Object> config = broker.clientConfig();
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = broker.logEnd(partition);
      await("the end of " + topic)
          .atMost(Duration.ofSeconds(30))
          .pollDelay(Duration.ZERO)
          .pollInSameThread()
          .pollInterval(Duration.ofMillis(1))
          .until(
              () -> {
                for (ConsumerRecord<byte[], byte[]> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (record.value() != null) {
                    values.add(new String(record.value(), ISO_8859_1));
                  }
                }
                return consumer.position(partition) >= end;
              });
    }
    return values;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(UTF_8));
  }
}
