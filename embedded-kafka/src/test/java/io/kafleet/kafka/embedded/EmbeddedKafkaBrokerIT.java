package io.kafleet.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs on the broker {@link BrokerChoice} picks: both kinds must behave alike. */
@ExtendWith(KafkaBrokerExtension.class)
class EmbeddedKafkaBrokerIT {

  @Test
  void createsATopicAndCarriesRecordsThroughIt(KafkaBroker broker, TestTopics topics)
      throws Exception {
    String topic = topics.name("round-trip");
    broker.createTopic(topic, 2, Map.of());

    Map<String, Object> producerConfig = broker.clientConfig();
    producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (var producer = new KafkaProducer<String, String>(producerConfig)) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)).get();
      }
    }

    Map<String, Object> consumerConfig = broker.clientConfig();
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, topics.name("group"));
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<String> values = new ArrayList<>();
    try (var consumer = new KafkaConsumer<String, String>(consumerConfig)) {
      consumer.subscribe(List.of(topic));
      await("values from " + topic)
          .atMost(Duration.ofSeconds(30))
          .pollDelay(Duration.ZERO)
          .pollInSameThread()
          .pollInterval(Duration.ofMillis(1))
          .until(
              () -> {
                for (ConsumerRecord<String, String> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  values.add(record.value());
                }
                return values.size() >= 10;
              });
    }
    assertThat(values)
        .as("values consumed from %s", topic)
        .containsExactlyInAnyOrder(
            "value-0", "value-1", "value-2", "value-3", "value-4", "value-5", "value-6", "value-7",
            "value-8", "value-9");
  }

  @Test
  void refusesToCreateTopicsImplicitly(KafkaBroker broker, TestTopics topics) throws Exception {
    try (var admin = broker.admin()) {
      assertThat(admin.listTopics().names().get()).doesNotContain(topics.name("never-created"));
    }
    Map<String, Object> producerConfig = broker.clientConfig();
    producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
    producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (var producer = new KafkaProducer<String, String>(producerConfig)) {
      var send = producer.send(new ProducerRecord<>(topics.name("never-created"), "k", "v"));
      org.assertj.core.api.Assertions.assertThatThrownBy(send::get)
          .hasMessageContaining("not present in metadata");
    }
  }
}
