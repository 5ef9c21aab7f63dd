package io.kafleet.agent.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.agent.Works;
import io.kafleet.events.ObjectRef;
import io.kafleet.events.RecordSkipped;
import io.kafleet.events.Work;
import io.kafleet.serde.Unreadable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ExecutionSpaceTest {

  private static final String TOPIC = "kafleet.es.member1";
  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

  @Test
  void poisonRecordsAreSkippedAndReportedAndTheWorksAroundThemKept() {
    MockConsumer<String, Object> consumer = new MockConsumer<>("earliest");
    consumer.assign(List.of(PARTITION));
    consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
    Work before = Works.raw("member1", "core/ConfigMap/default/a", "v1", "{}");
    Work after = Works.raw("member1", "core/ConfigMap/default/b", "v1", "{}");
    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "core/ConfigMap/default/a", before));
    consumer.addRecord(
        new ConsumerRecord<>(TOPIC, 0, 1, "x", new Unreadable("the first byte is 1")));
    consumer.addRecord(
        new ConsumerRecord<>(TOPIC, 0, 2, "y", new ObjectRef("core", "ConfigMap", "default", "c")));
    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 3, "core/ConfigMap/default/a", null));
    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 4, "core/ConfigMap/default/b", after));
    List<RecordSkipped> skipped = new ArrayList<>();

    List<ConsumerRecord<String, Work>> works =
        new ExecutionSpace(consumer, TOPIC, "member1", skipped::add).poll(Duration.ZERO);

    assertThat(works).extracting(ConsumerRecord::offset).containsExactly(0L, 3L, 4L);
    assertThat(skipped)
        .extracting(
            s ->
                s.getConsumer() + " " + s.getTopic() + "-" + s.getPartition() + "@" + s.getOffset())
        .containsExactly(
            "propagation-agent/member1 " + TOPIC + "-0@1",
            "propagation-agent/member1 " + TOPIC + "-0@2");
    assertThat(skipped.get(0).getReason()).isEqualTo("the first byte is 1");
    assertThat(skipped.get(1).getReason())
        .isEqualTo("the value is a io.kafleet.events.ObjectRef, not a Work as the topic carries");
    assertThat(skipped.get(1).getKey()).isEqualTo("y");
  }
}
