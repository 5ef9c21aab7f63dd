package io.kafleet.traffic.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

class FleetBindingsTest {

  @Test
  void aBatchBecomesRecordsInItsOrderWithTombstonesAsNull() {
    Message<List<Object>> batch =
        MessageBuilder.<List<Object>>withPayload(Arrays.asList("first", KafkaNull.INSTANCE))
            .setHeader(
                KafkaHeaders.RECEIVED_TOPIC, List.of("kafleet.es.member1", "kafleet.templates"))
            .setHeader(KafkaHeaders.RECEIVED_PARTITION, List.of(0, 2))
            .setHeader(KafkaHeaders.OFFSET, List.of(41L, 7L))
            .setHeader(KafkaHeaders.RECEIVED_KEY, Arrays.asList("a/B/c/d", null))
            .build();

    assertThat(FleetBindings.records(batch))
        .containsExactly(
            new FleetRecord("kafleet.es.member1", 0, 41, "a/B/c/d", "first"),
            new FleetRecord("kafleet.templates", 2, 7, null, null));
  }

  @Test
  void aBatchWithoutItsTopicsIsAClearError() {
    Message<List<Object>> batch =
        MessageBuilder.<List<Object>>withPayload(List.of("value"))
            .setHeader(KafkaHeaders.RECEIVED_PARTITION, List.of(0))
            .setHeader(KafkaHeaders.OFFSET, List.of(1L))
            .build();
    assertThatThrownBy(() -> FleetBindings.records(batch))
        .hasMessage("a batch came without its " + KafkaHeaders.RECEIVED_TOPIC + " header");
  }

  @Test
  void aConsumerGivenPartitionsResumesWhereTheyWereReadAndStartsNewOnesFromTheirStart() {
    TopicPartition read = new TopicPartition("kafleet.status.member1", 0);
    TopicPartition joinedSince = new TopicPartition("kafleet.status.member3", 0);
    ReadPositions positions = new ReadPositions();
    positions.readUpTo(read, 12);
    positions.read(new FleetRecord(read.topic(), 0, 5, "k", "older"));
    MockConsumer<String, Object> consumer = new MockConsumer<>("earliest");
    consumer.assign(List.of(read, joinedSince));
    consumer.updateBeginningOffsets(Map.of(read, 0L, joinedSince, 0L));

    FleetBindings.resumeWhere(() -> Optional.of(positions))
        .onPartitionsAssigned("fleetStatus-in-0", consumer, List.of(read, joinedSince), false);

    assertThat(consumer.position(read)).as("never back before what was read").isEqualTo(12);
    assertThat(consumer.position(joinedSince)).isZero();
    assertThat(positions.of(joinedSince)).isEmpty();
  }
}
