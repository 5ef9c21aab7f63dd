package io.kafleet.registry;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka client settings of the store: the caller's extras first, the registry's needs over
 * them.
 */
final class KafkaClientConfigs {

  private KafkaClientConfigs() {}

  static Map<String, Object> admin(RegistrySettings settings) {
    Map<String, Object> config = new HashMap<>(settings.kafkaProperties());
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    return config;
  }

  static Map<String, Object> producer(RegistrySettings settings) {
    Map<String, Object> config = admin(settings);
    // A registration is acknowledged to the client only once it is durable and written once.
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.timeout().toMillis());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return config;
  }

  static Map<String, Object> consumer(RegistrySettings settings) {
    Map<String, Object> config = admin(settings);
    // Every instance reads the whole log itself: no group, no committed offsets.
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    return config;
  }
}
