package io.kafleet.traffic.kafka;

import io.kafleet.kafka.ClientSerde;
import io.kafleet.kafka.KafkaClientSettings;
import io.kafleet.schemas.Topics;
import io.kafleet.serde.KafleetAvroSerializer;
import io.kafleet.serde.PoisonTolerantDeserializer;
import io.kafleet.traffic.analysis.PrometheusServers;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.IsolationLevel;

/**
 * Where Kafka and the schema registry are, kafleet's topic names on them, the replication factor of
 * the topics traffic-service creates (empty: the broker's default), how long a cluster has to
 * converge after a shift, how often waiting shifts are looked at again, how long a silent leader
 * keeps the lead (the election's session timeout), and the extra Kafka client properties ({@code
 * kafleet.kafka.properties}: security.protocol, sasl.mechanism, sasl.jaas.config, ...) that every
 * client it creates starts from, and the Prometheus servers rollouts' analyses ask.
 */
public record TrafficSettings(
    String bootstrapServers,
    String schemaRegistryUrl,
    Topics topics,
    Optional<Short> replicationFactor,
    Duration convergenceTimeout,
    Duration evaluateInterval,
    Duration leaderSessionTimeout,
    Map<String, String> properties,
    PrometheusServers prometheus) {

  public TrafficSettings {
    properties = Map.copyOf(properties);
  }

  /** The extra properties first, kafleet's own settings over them. */
  Map<String, Object> admin() {
    return clients().admin();
  }

  /**
   * Committed records only: placement-service writes in transactions. No offsets are committed. A
   * poison value reads as an {@link io.kafleet.serde.Unreadable}, for the reader to skip and
   * report.
   */
  Map<String, Object> reader() {
    return clients().consumer(IsolationLevel.READ_COMMITTED);
  }

  /** A producer with the transactional id all traffic-service instances share. */
  Map<String, Object> transactionalProducer(String transactionalId) {
    return clients().transactionalProducer(transactionalId);
  }

  private KafkaClientSettings clients() {
    return KafkaClientSettings.of(bootstrapServers, properties)
        .withSerde(
            ClientSerde.registry(
                schemaRegistryUrl, KafleetAvroSerializer.class, PoisonTolerantDeserializer.class));
  }
}
