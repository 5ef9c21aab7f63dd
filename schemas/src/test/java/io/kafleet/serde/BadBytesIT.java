package io.kafleet.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.kafleet.events.Work;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bytes a Confluent serde could not have written, read by a real consumer: each fails with the
 * specific reason, the topic, partition and offset, and the consumer can seek past it and go on.
 */
@ExtendWith({KafkaBrokerExtension.class, RegistryExtension.class})
class BadBytesIT {

  private final RegistryFixture fixture;

  BadBytesIT(RegistryFixture fixture) {
    this.fixture = fixture;
  }

  @Test
  void eachBadRecordIsNamedByReasonTopicPartitionAndOffset(TestTopics topics) throws Exception {
    String topic = topics.name("kafleet.es.member1");
    fixture.broker().createTopic(topic, 1, Map.of());
    byte[] good;
    try (var serializer = new KafleetAvroSerializer<Work>()) {
      serializer.configure(fixture.producerConfig(), false);
      good = serializer.serialize(topic, SampleEvents.work());
    }
    byte[] wrongMagic = good.clone();
    wrongMagic[0] = 1;
    byte[] unknownId = good.clone();
    unknownId[1] = 0x7f;
    byte[] truncated = Arrays.copyOf(good, good.length / 2);
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    fixture.sendRaw(topic, List.of(wrongMagic, unknownId, truncated, trailing, good));

    try (var consumer = new KafkaConsumer<String, Work>(fixture.consumerConfig(topics.name("g")))) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));

      assertFailsAt(
          consumer, partition, 0, WireFormatException.BadMagicByte.class, "first byte is 1");
      assertFailsAt(
          consumer,
          partition,
          1,
          WireFormatException.UnknownSchemaId.class,
          "is not known to the schema registry");
      assertFailsAt(consumer, partition, 2, WireFormatException.Truncated.class, "truncated");
      assertFailsAt(consumer, partition, 3, WireFormatException.Malformed.class, "left over");

      var records = fixture.consume(consumer, 1, Duration.ofSeconds(30));
      assertThat(records).as("the good record after the bad ones").hasSize(1);
      assertThat(records.get(0).offset()).isEqualTo(4);
      assertThat(records.get(0).value()).isEqualTo(SampleEvents.work());
    }
  }

  private static void assertFailsAt(
      KafkaConsumer<String, Work> consumer,
      TopicPartition partition,
      long offset,
      Class<? extends WireFormatException> reason,
      String message) {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    await("a failure reading offset " + offset + " of " + partition)
        .atMost(Duration.ofSeconds(30))
        .pollDelay(Duration.ZERO)
        .pollInSameThread()
        .pollInterval(Duration.ofMillis(1))
        .until(
            () -> {
              failure.set(catchThrowable(() -> consumer.poll(Duration.ofMillis(200))));
              return failure.get() != null;
            });
    Throwable thrown = failure.get();
    assertThat(thrown)
        .as("reading offset %s of %s", offset, partition)
        .isInstanceOfSatisfying(
            RecordDeserializationException.class,
            e -> {
              assertThat(e.topicPartition()).isEqualTo(partition);
              assertThat(e.offset()).isEqualTo(offset);
              assertThat(e.getMessage())
                  .contains(partition.toString())
                  .contains("offset " + offset);
            });
    assertThat(thrown.getCause())
        .as("cause of the failure at offset %s", offset)
        .isInstanceOf(reason)
        .hasMessageContaining(partition.topic())
        .hasMessageContaining(message);
    consumer.seek(partition, offset + 1);
  }
}
