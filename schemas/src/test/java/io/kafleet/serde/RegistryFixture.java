package io.kafleet.serde;

import static org.awaitility.Awaitility.await;

import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The embedded broker plus a registry of the test class's own, and clients configured for both. */
record RegistryFixture(EmbeddedKafkaBroker broker, SchemaRegistryServer registry)
    implements AutoCloseable {

  static RegistryFixture start(EmbeddedKafkaBroker broker, TestTopics topics) {
    return new RegistryFixture(
        broker,
        SchemaRegistryServer.start(
            RegistrySettings.of(broker.bootstrapServers()).withTopic(topics.name("_schemas"))));
  }

  Map<String, Object> producerConfig() {
    Map<String, Object> config = broker.clientConfig();
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafleetAvroSerializer.class);
    config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
    return config;
  }

  Map<String, Object> consumerConfig(String group) {
    Map<String, Object> config = broker.clientConfig();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafleetAvroDeserializer.class);
    config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
    return config;
  }

  void sendRaw(String topic, List<byte[]> values) throws Exception {
    Map<String, Object> config = broker.clientConfig();
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    try (var producer = new KafkaProducer<String, byte[]>(config)) {
      for (byte[] value : values) {
        producer.send(new ProducerRecord<>(topic, 0, "key", value)).get();
      }
    }
  }

  <T> List<ConsumerRecord<String, T>> consume(
      KafkaConsumer<String, T> consumer, int count, Duration timeout) {
    List<ConsumerRecord<String, T>> records = new ArrayList<>();
    await(count + " records")
        .atMost(timeout)
        .pollDelay(Duration.ZERO)
        .pollInSameThread()
        .pollInterval(Duration.ofMillis(1))
        .until(
            () -> {
              consumer.poll(Duration.ofMillis(100)).forEach(records::add);
              return records.size() >= count;
            });
    return records;
  }

  @Override
  public void close() {
    registry.close();
  }
}
