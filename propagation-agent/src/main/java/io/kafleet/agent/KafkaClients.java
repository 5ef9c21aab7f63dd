package io.kafleet.agent;

import io.kafleet.events.StatusEvent;
import io.kafleet.events.Work;
import io.kafleet.serde.KafleetAvroDeserializer;
import io.kafleet.serde.KafleetAvroSerializer;
import io.kafleet.serde.SerdeConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The agent's Kafka clients, configured from its settings. */
public final class KafkaClients {

  private KafkaClients() {}

  /** Reads works committed by placement-service's transactions; commits only by hand. */
  public static KafkaConsumer<String, Work> workConsumer(AgentSettings settings) {
    Map<String, Object> config = common(settings);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroup());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafleetAvroDeserializer.class);
    return new KafkaConsumer<>(config);
  }

  public static KafkaProducer<String, StatusEvent> statusProducer(AgentSettings settings) {
    Map<String, Object> config = common(settings);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafleetAvroSerializer.class);
    return new KafkaProducer<>(config);
  }

  /** Where Kafka and the registry are, with the operator's client properties (security...). */
  public static Map<String, Object> common(AgentSettings settings) {
    Map<String, Object> config = new HashMap<>(settings.kafkaProperties());
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "kafleet-agent-" + settings.cluster());
    config.put(SerdeConfig.SCHEMA_REGISTRY_URL, settings.schemaRegistryUrl());
    return config;
  }
}
