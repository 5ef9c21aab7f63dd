package io.kafleet.traffic.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads every topic matching a pattern from its start to the end it has at start-up, with a plain
 * consumer without a group, and says where it stopped in each partition. A binding cannot say when
 * it has caught up with what was there at start-up; this read can, and the bindings then go on from
 * exactly where it stopped ({@link ReadPositions}).
 */
final class StartupRead {

  /** Nothing arriving this long while records are still due is an error. */
  private static final Duration STALL = Duration.ofSeconds(30);

  private StartupRead() {}

  /**
   * Hands the records to {@code onBatch} poll by poll, in order within a partition, and records in
   * {@code positions} the next offset of every partition read (an empty one included).
   */
  static void read(
      Map<String, Object> readerConfig,
      Pattern topics,
      ReadPositions positions,
      Consumer<List<FleetRecord>> onBatch) {
    Map<String, Object> config = new HashMap<>(readerConfig);
    // Large fetches: a read to the end wants everything, not the first 500 records per poll.
    config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    config.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (Map.Entry<String, List<PartitionInfo>> topic : consumer.listTopics(STALL).entrySet()) {
        if (topics.matcher(topic.getKey()).matches()) {
          topic.getValue().stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .forEach(partitions::add);
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, STALL);
      List<TopicPartition> pending = new ArrayList<>(partitions);
      pending.removeIf(partition -> consumer.position(partition) >= ends.get(partition));
      long deadline = System.nanoTime() + STALL.toNanos();
      while (!pending.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "reading " + pending + " to the end: nothing arrived for " + STALL);
        }
        List<FleetRecord> batch = new ArrayList<>();
        for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
          batch.add(
              new FleetRecord(
                  record.topic(),
                  record.partition(),
                  record.offset(),
                  record.key(),
                  record.value()));
        }
        if (!batch.isEmpty()) {
          deadline = System.nanoTime() + STALL.toNanos();
          onBatch.accept(batch);
        }
        pending.removeIf(partition -> consumer.position(partition) >= ends.get(partition));
      }
      // The position, not the last offset read: transaction markers and compacted gaps count.
      for (TopicPartition partition : partitions) {
        positions.readUpTo(partition, consumer.position(partition));
      }
    }
  }
}
