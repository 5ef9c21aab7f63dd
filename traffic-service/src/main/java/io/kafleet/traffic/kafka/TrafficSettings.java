package io.kafleet.traffic.kafka;

import io.kafleet.schemas.Topics;
import io.kafleet.serde.KafleetAvroDeserializer;
import io.kafleet.serde.SerdeConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Where Kafka and the schema registry are, kafleet's topic names on them, the replication factor of
 * the topics traffic-service creates (empty: the broker's default), how long a cluster has to
 * converge after a shift, how often waiting shifts are looked at again, and the extra Kafka client
 * properties ({@code kafleet.kafka.properties}: security.protocol, sasl.mechanism,
 * sasl.jaas.config, ...) that every client it creates starts from.
 */
public record TrafficSettings(
    String bootstrapServers,
    String schemaRegistryUrl,
    Topics topics,
    Optional<Short> replicationFactor,
    Duration convergenceTimeout,
    Duration evaluateInterval,
    Map<String, String> properties) {

  public TrafficSettings {
    properties = Map.copyOf(properties);
  }

  /** The extra properties first, kafleet's own settings over them. */
  Map<String, Object> admin() {
    Map<String, Object> config = new HashMap<>(properties);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }

  /** Committed records only: placement-service writes in transactions. No offsets are committed. */
  Map<String, Object> reader() {
    Map<String, Object> config = admin();
    config.put(SerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafleetAvroDeserializer.class);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return config;
  }
}
