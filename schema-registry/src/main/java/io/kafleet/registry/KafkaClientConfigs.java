package io.kafleet.registry;

import io.kafleet.kafka.ClientSerde;
import io.kafleet.kafka.KafkaClientSettings;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;

/**
 * The Kafka client settings of the store: the caller's extras first, the registry's needs over
 * them.
 */
final class KafkaClientConfigs {

  private KafkaClientConfigs() {}

  static Map<String, Object> admin(RegistrySettings settings) {
    return clients(settings).admin();
  }

  /** A registration is acknowledged to the client only once it is durable and written once. */
  static Map<String, Object> producer(RegistrySettings settings) {
    Map<String, Object> config = clients(settings).producer();
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.timeout().toMillis());
    return config;
  }

  /** Every instance reads the whole log itself: no group, no committed offsets. */
  static Map<String, Object> consumer(RegistrySettings settings) {
    Map<String, Object> config = clients(settings).consumer(IsolationLevel.READ_UNCOMMITTED);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return config;
  }

  private static KafkaClientSettings clients(RegistrySettings settings) {
    return KafkaClientSettings.of(settings.bootstrapServers(), settings.kafkaProperties())
        .withSerde(ClientSerde.strings());
  }
}
