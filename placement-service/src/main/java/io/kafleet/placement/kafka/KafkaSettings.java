package io.kafleet.placement.kafka;

import io.kafleet.kafka.ClientSerde;
import io.kafleet.kafka.KafkaClientSettings;
import io.kafleet.schemas.Topics;
import io.kafleet.serde.KafleetAvroSerializer;
import io.kafleet.serde.PoisonTolerantDeserializer;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.IsolationLevel;

/**
 * Where Kafka and the schema registry are, kafleet's topic names on them, and the replication
 * factor of the topics placement-service creates (empty: the broker's {@code
 * default.replication.factor}), and the largest object it accepts, which must fit one Kafka record.
 *
 * @param properties extra client properties of every Kafka client placement-service makes ({@code
 *     kafleet.kafka.properties}), e.g. {@code security.protocol}, {@code sasl.mechanism} and {@code
 *     sasl.jaas.config}; the settings above win over them
 */
public record KafkaSettings(
    String bootstrapServers,
    String schemaRegistryUrl,
    Topics topics,
    Optional<Short> replicationFactor,
    int maxObjectBytes,
    Map<String, String> properties) {

  public KafkaSettings {
    properties = Map.copyOf(properties);
  }

  /** An admin client's configuration, with placement-service's own credentials. */
  public Map<String, Object> admin() {
    return clients().admin();
  }

  /** Never prints the properties: they may hold a password. */
  @Override
  public String toString() {
    return "KafkaSettings[bootstrapServers="
        + bootstrapServers
        + ", topics="
        + topics.prefix()
        + ", properties="
        + properties.keySet()
        + "]";
  }

  /** Transactional: one decision's records are written all or none. */
  Map<String, Object> producer(String transactionalId) {
    return clients().transactionalProducer(transactionalId);
  }

  /** For requests outside the fleet's decisions, e.g. live-object queries to agents. */
  public Map<String, Object> plainProducer() {
    return clients().producer();
  }

  /**
   * Reads committed records only: an aborted decision is never seen. A poison value reads as an
   * {@link io.kafleet.serde.Unreadable}, for the reader to skip and report.
   */
  public Map<String, Object> reader() {
    return clients().consumer(IsolationLevel.READ_COMMITTED);
  }

  private KafkaClientSettings clients() {
    return KafkaClientSettings.of(bootstrapServers, properties)
        .withSerde(
            ClientSerde.registry(
                schemaRegistryUrl, KafleetAvroSerializer.class, PoisonTolerantDeserializer.class));
  }
}
