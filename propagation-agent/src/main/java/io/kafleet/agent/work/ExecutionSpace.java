package io.kafleet.agent.work;

import io.kafleet.agent.metrics.AgentMetrics;
import io.kafleet.agent.status.SkipReports;
import io.kafleet.events.RecordSkipped;
import io.kafleet.events.Work;
import io.kafleet.serde.PoisonRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's view of its execution-space topic: every partition assigned to its own consumer group
 * (there is one agent per cluster, so no rebalancing is needed), read from the start at start-up,
 * offsets committed only when the caller says every record's outcome is recorded. A record that is
 * not a work (see {@link io.kafleet.serde.PoisonTolerantDeserializer}) is skipped: logged, and
 * handed to {@code onSkip} to be reported before the batch is committed.
 */
public final class ExecutionSpace implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ExecutionSpace.class);

  private final Consumer<String, Object> consumer;
  private final String topic;
  private final String cluster;
  private final java.util.function.Consumer<RecordSkipped> onSkip;
  private List<TopicPartition> partitions = List.of();

  public ExecutionSpace(
      Consumer<String, Object> consumer,
      String topic,
      String cluster,
      java.util.function.Consumer<RecordSkipped> onSkip) {
    this.consumer = consumer;
    this.topic = topic;
    this.cluster = cluster;
    this.onSkip = onSkip;
  }

  /** Every record from the start of the topic to its current end. */
  public DesiredSet readAll() {
    partitions =
        consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .toList();
    if (partitions.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " does not exist");
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    DesiredSet desired = new DesiredSet();
    while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
      desired.add(poll(Duration.ofMillis(500)));
    }
    return desired;
  }

  /**
   * The next records that are works or tombstones; poison ones are skipped and reported. A record
   * that fails to read for another reason (the schema registry unreachable) is read again at the
   * next poll: skipping it could lose a good work.
   */
  @SuppressWarnings("unchecked")
  public List<ConsumerRecord<String, Work>> poll(Duration timeout) {
    ConsumerRecords<String, Object> polled;
    try {
      polled = consumer.poll(timeout);
    } catch (RecordDeserializationException e) {
      log.warn(
          "cannot read the record at {} offset {} yet: {}",
          e.topicPartition(),
          e.offset(),
          e.getMessage());
      return List.of();
    }
    List<ConsumerRecord<String, Work>> records = new ArrayList<>();
    for (ConsumerRecord<String, Object> record : polled) {
      Optional<String> poison = PoisonRecords.problem(record.value(), Work.class);
      if (poison.isPresent()) {
        RecordSkipped skipped =
            PoisonRecords.skipped(
                SkipReports.consumer(cluster),
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                poison.get(),
                Instant.now());
        log.error(PoisonRecords.describe(skipped));
        onSkip.accept(skipped);
      } else {
        records.add((ConsumerRecord<String, Work>) (ConsumerRecord<String, ?>) record);
      }
    }
    return records;
  }

  /**
   * Commits the position of every partition: everything polled so far is done. Returns the offsets
   * committed.
   */
  public Map<TopicPartition, OffsetAndMetadata> commit() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : partitions) {
      offsets.put(partition, new OffsetAndMetadata(consumer.position(partition)));
    }
    consumer.commitSync(offsets);
    return offsets;
  }

  /** Binds the consumer's own meters ({@code kafka_consumer_*}). */
  public void bindTo(AgentMetrics metrics) {
    metrics.bound(consumer, "works");
  }

  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
