package io.kafleet.agent.work;

import io.kafleet.agent.metrics.AgentMetrics;
import io.kafleet.events.Work;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's view of its execution-space topic: every partition assigned to its own consumer group
 * (there is one agent per cluster, so no rebalancing is needed), read from the start at start-up,
 * offsets committed only when the caller says every record's outcome is recorded.
 */
public final class ExecutionSpace implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ExecutionSpace.class);

  private final Consumer<String, Work> consumer;
  private final String topic;
  private List<TopicPartition> partitions = List.of();

  public ExecutionSpace(Consumer<String, Work> consumer, String topic) {
    this.consumer = consumer;
    this.topic = topic;
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

  /** The next records; one that cannot be read is skipped with an error in the log. */
  public List<ConsumerRecord<String, Work>> poll(Duration timeout) {
    try {
      List<ConsumerRecord<String, Work>> records = new ArrayList<>();
      consumer.poll(timeout).forEach(records::add);
      return records;
    } catch (RecordDeserializationException e) {
      log.error(
          "skipping unreadable record at {} offset {}: {}",
          e.topicPartition(),
          e.offset(),
          e.getMessage());
      consumer.seek(e.topicPartition(), e.offset() + 1);
      return List.of();
    }
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
