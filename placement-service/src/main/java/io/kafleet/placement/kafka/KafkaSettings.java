package io.kafleet.placement.kafka;

import io.kafleet.schemas.Topics;
import io.kafleet.serde.KafleetAvroDeserializer;
import io.kafleet.serde.KafleetAvroSerializer;
import io.kafleet.serde.SerdeConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

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
    Map<String, Object> config = new HashMap<>(properties);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
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
    Map<String, Object> config = plainProducer();
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    return config;
  }

  /** For requests outside the fleet's decisions, e.g. live-object queries to agents. */
  public Map<String, Object> plainProducer() {
    Map<String, Object> config = admin();
    config.put(SerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafleetAvroSerializer.class);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return config;
  }

  /** Reads committed records only: an aborted decision is never seen. */
  public Map<String, Object> reader() {
    Map<String, Object> config = admin();
    config.put(SerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafleetAvroDeserializer.class);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return config;
  }
}
