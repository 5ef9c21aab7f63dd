package io.kafleet.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.Health;
import io.kafleet.events.RecordSkipped;
import io.kafleet.events.StatusEvent;
import io.kafleet.events.Work;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.schemas.ControlPlaneClients;
import io.kafleet.schemas.Topics;
import io.kafleet.serde.KafleetAvroSerializer;
import io.kafleet.serde.SerdeConfig;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Chaos scenario 6 for placement-service: one poison record on each topic it consumes (bytes that
 * are not the wire format, and on the status topic also an event of another type): the stored
 * templates, policies and cluster decisions and the execution spaces, read when it takes the lead,
 * and the status, shifts and query-reply topics it follows; and an agent's report of a record it
 * skipped. Each is skipped with a {@code RecordSkipped} event on {@code kafleet.placement.events}
 * naming its topic, partition and offset, and the service keeps serving: an apply still lands in
 * the execution space behind the poison there, and a report written after the poison on the status
 * topic still folds into the template's status.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PoisonRecordIT {

  private static final String GATEWAY = "networking.istio.io/Gateway/default/bookinfo-gateway";
  private static final byte[] GARBAGE = {1, 2, 3, 4, 5, 6};

  @Test
  void eachPoisonRecordIsSkippedWithAnEventAndTheServiceKeepsServing(
      EmbeddedKafkaBroker broker, TestTopics testTopics) throws Exception {
    Topics topics = new Topics(testTopics.prefix());
    String gateway =
        Files.readString(SharedScenarios.scenario("bookinfo").resolve("bookinfo-gateway.yaml"));
    try (var registry =
        SchemaRegistryServer.start(
            RegistrySettings.of(broker.bootstrapServers())
                .withTopic(testTopics.name("_schemas")))) {
      broker.createCompactedTopic(topics.status("member1"), 1);
      broker.createCompactedTopic(topics.templates(), 1);
      broker.createCompactedTopic(topics.executionSpace("member1"), 1);
      broker.createCompactedTopic(topics.clusters(), 1);
      broker.createCompactedTopic(topics.policies(), 1);
      broker.createTopic(topics.queryReply("member1"), 1, Map.of());
      broker.createTopic(topics.trafficShifts(), 1, Map.of());
      Heartbeats.send(broker, registry.url(), topics, "member1");
      // Read at start-up, when the leader loads the fleet.
      long onTemplates = sendRaw(broker, topics.templates(), GATEWAY, GARBAGE);
      long onClusters = sendRaw(broker, topics.clusters(), "member1", GARBAGE);
      long onPolicies = sendRaw(broker, topics.policies(), "policy", GARBAGE);
      long onWorks = sendRaw(broker, topics.executionSpace("member1"), GATEWAY, GARBAGE);

      try (PlacementApp app = PlacementApp.start(broker, registry.url(), testTopics.prefix())) {
        ServiceHttp.awaitBodyContaining(app.url("/api/v1/clusters"), "member1");
        // Read while it serves: the status binding and the shift follower.
        long onStatus = sendRaw(broker, topics.status("member1"), "member1", GARBAGE);
        long wrongType =
            sendRaw(
                broker,
                topics.status("member1"),
                "member1",
                avroOfAnotherType(registry.url(), testTopics.name("elsewhere")));
        long onShifts = sendRaw(broker, topics.trafficShifts(), "podinfo", GARBAGE);
        long onReplies = sendRaw(broker, topics.queryReply("member1"), "query", GARBAGE);
        RecordSkipped byAgent =
            new RecordSkipped(
                "propagation-agent/member1",
                topics.executionSpace("member1"),
                0,
                41L,
                GATEWAY,
                "the first byte is 1",
                Instant.now());
        Heartbeats.publish(
            broker,
            registry.url(),
            topics.status("member1"),
            "skipped/" + topics.executionSpace("member1") + "/0",
            new StatusEvent("member1", byAgent));

        // Keeps serving: an apply lands, and a report after the poison folds.
        assertThat(ServiceHttp.postYaml(app.url("/api/v1/apply"), gateway).statusCode())
            .isEqualTo(200);
        String hash = workHash(broker, registry.url(), topics);
        report(broker, registry.url(), topics, hash);
        ServiceHttp.awaitBodyContaining(
            app.url("/api/v1/objects/networking.istio.io/Gateway/default/bookinfo-gateway"),
            "\"cluster\":\"member1\",\"phase\":\"Applied\",\"health\":\"Healthy\"");

        await("a RecordSkipped event for each poison record")
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () ->
                    assertThat(skipped(broker, registry.url(), topics))
                        .extracting(s -> s.getConsumer() + " " + s.getTopic() + "@" + s.getOffset())
                        .contains(
                            "placement-service " + topics.templates() + "@" + onTemplates,
                            "placement-service " + topics.clusters() + "@" + onClusters,
                            "placement-service " + topics.policies() + "@" + onPolicies,
                            "placement-service " + topics.queryReply("member1") + "@" + onReplies,
                            "placement-service " + topics.executionSpace("member1") + "@" + onWorks,
                            "placement-service " + topics.status("member1") + "@" + onStatus,
                            "placement-service " + topics.status("member1") + "@" + wrongType,
                            "placement-service " + topics.trafficShifts() + "@" + onShifts,
                            "propagation-agent/member1 "
                                + topics.executionSpace("member1")
                                + "@41"));
        List<RecordSkipped> events = skipped(broker, registry.url(), topics);
        assertThat(events)
            .filteredOn(
                s -> s.getOffset() == onStatus && s.getTopic().equals(topics.status("member1")))
            .singleElement()
            .satisfies(
                s -> {
                  assertThat(s.getPartition()).isZero();
                  assertThat(s.getKey()).isEqualTo("member1");
                  assertThat(s.getReason()).contains("the first byte is 1");
                });
        assertThat(events)
            .filteredOn(
                s -> s.getOffset() == wrongType && s.getTopic().equals(topics.status("member1")))
            .singleElement()
            .satisfies(
                s ->
                    assertThat(s.getReason())
                        .contains("io.kafleet.events.ClusterHeartbeat, not a StatusEvent"));
        await("the shift follower commits past the poison record")
            .atMost(Duration.ofSeconds(30))
            .until(() -> committedShiftOffset(broker, topics) > onShifts);
      }
    }
  }

  private static List<RecordSkipped> skipped(
      EmbeddedKafkaBroker broker, String registryUrl, Topics topics) {
    return Records.<FleetEvent>readAll(broker, registryUrl, topics.placementEvents()).stream()
        .map(record -> record.value().getPayload())
        .filter(RecordSkipped.class::isInstance)
        .map(RecordSkipped.class::cast)
        .toList();
  }

  private static long sendRaw(EmbeddedKafkaBroker broker, String topic, String key, byte[] value)
      throws Exception {
    Map<String, Object> config = broker.adminClientProperties();
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    try (var producer = new KafkaProducer<String, byte[]>(config)) {
      return producer.send(new ProducerRecord<>(topic, key, value)).get().offset();
    }
  }

  /** A well-formed kafleet Avro value, but a bare heartbeat where a StatusEvent belongs. */
  private static byte[] avroOfAnotherType(String registryUrl, String otherTopic) {
    try (var serializer = new KafleetAvroSerializer<>()) {
      serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
      return serializer.serialize(
          otherTopic, Heartbeats.heartbeat("member1", "v1.34.1", Instant.now()));
    }
  }

  private static String workHash(EmbeddedKafkaBroker broker, String registryUrl, Topics topics) {
    return await("the gateway's work in member1's execution space")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Records.<Object>readAll(broker, registryUrl, topics.executionSpace("member1"))
                    .stream()
                    .filter(r -> GATEWAY.equals(r.key()) && r.value() instanceof Work)
                    .map(r -> ((Work) r.value()).getContentHash())
                    .reduce((first, second) -> second)
                    .orElse(null),
            hash -> hash != null);
  }

  private static void report(
      EmbeddedKafkaBroker broker, String registryUrl, Topics topics, String hash) throws Exception {
    WorkStatus status =
        WorkStatus.newBuilder()
            .setCluster("member1")
            .setObjectKey(GATEWAY)
            .setAppliedHash(hash)
            .setAppliedGeneration(1L)
            .setPhase(WorkPhase.Applied)
            .setHealth(Health.Healthy)
            .setLiveSummary(Map.of())
            .setReportedAt(Instant.now())
            .build();
    Heartbeats.publish(
        broker, registryUrl, topics.status("member1"), GATEWAY, new StatusEvent("member1", status));
  }

  private static long committedShiftOffset(EmbeddedKafkaBroker broker, Topics topics)
      throws Exception {
    try (Admin admin = Admin.create(broker.adminClientProperties())) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(ControlPlaneClients.placementGroups(topics))
              .partitionsToOffsetAndMetadata()
              .get();
      OffsetAndMetadata committed = offsets.get(new TopicPartition(topics.trafficShifts(), 0));
      return committed == null ? -1 : committed.offset();
    }
  }
}
