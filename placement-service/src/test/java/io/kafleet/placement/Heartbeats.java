package io.kafleet.placement;

import io.kafleet.events.ClusterHeartbeat;
import io.kafleet.events.StatusEvent;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.schemas.Topics;
import io.kafleet.serde.KafleetAvroSerializer;
import io.kafleet.serde.SerdeConfig;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Status events as a member's agent sends them, for tests that stand in for agents. */
public final class Heartbeats {

  private Heartbeats() {}

  public static ClusterHeartbeat heartbeat(String cluster, String version, long sentAtSecond) {
    return heartbeat(cluster, version, Instant.ofEpochSecond(sentAtSecond));
  }

  public static ClusterHeartbeat heartbeat(String cluster, String version, Instant sentAt) {
    return ClusterHeartbeat.newBuilder()
        .setCluster(cluster)
        .setLabels(Map.of("region", "cn-hangzhou"))
        .setRegion("cn-hangzhou")
        .setKubernetesVersion(version)
        .setNodeCount(3)
        .setAllocatableCpuMillis(6000)
        .setAllocatableMemoryBytes(12L << 30)
        .setAllocatedCpuMillis(1500)
        .setAllocatedMemoryBytes(3L << 30)
        .setAgentVersion("0.1.0")
        .setSentAt(sentAt)
        .build();
  }

  /** Sends one heartbeat of the cluster on its status topic. */
  public static void send(
      EmbeddedKafkaBroker broker, String registryUrl, Topics topics, String cluster)
      throws Exception {
    publish(
        broker,
        registryUrl,
        topics.status(cluster),
        cluster,
        new StatusEvent(cluster, heartbeat(cluster, "v1.34.1", Instant.now())));
  }

  /** Writes a status event on a status topic, as an agent (or an impostor) would. */
  public static void publish(
      EmbeddedKafkaBroker broker, String registryUrl, String topic, String key, StatusEvent event)
      throws Exception {
    Map<String, Object> config = broker.adminClientProperties();
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafleetAvroSerializer.class);
    config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
    try (var producer = new KafkaProducer<String, StatusEvent>(config)) {
      producer.send(new ProducerRecord<>(topic, key, event)).get();
    }
  }
}
