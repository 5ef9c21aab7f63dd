package io.kafleet.schemas;

import io.kafleet.events.RecordSkipped;
import io.kafleet.serde.PoisonRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * What every kafleet service does with its topics: creates those it writes when missing, and reads
 * a compacted topic from its start to its current end to rebuild its state.
 */
public final class KafkaTopics {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private KafkaTopics() {}

  /**
   * The topics of one member cluster, one partition each: its execution space and status topic,
   * compacted (the latest work and status per object are the state), and its query topics.
   *
   * @param replicationFactor empty for the brokers' default
   */
  public static List<NewTopic> memberTopics(
      Topics topics, String cluster, Optional<Short> replicationFactor) {
    Map<String, String> compact =
        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    Map<String, String> delete =
        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
    return List.of(
        new NewTopic(topics.executionSpace(cluster), Optional.of(1), replicationFactor)
            .configs(compact),
        new NewTopic(topics.status(cluster), Optional.of(1), replicationFactor).configs(compact),
        new NewTopic(topics.query(cluster), Optional.of(1), replicationFactor).configs(delete),
        new NewTopic(topics.queryReply(cluster), Optional.of(1), replicationFactor)
            .configs(delete));
  }

  /** Creates the topics that do not exist yet; one that exists already is left as it is. */
  public static void createMissing(Map<String, Object> adminConfig, List<NewTopic> topics) {
    if (topics.isEmpty()) {
      return;
    }
    try (Admin admin = Admin.create(adminConfig)) {
      for (var result : admin.createTopics(topics).values().entrySet()) {
        try {
          result.getValue().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + result.getKey(), e);
          }
        }
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("creating topics " + names(topics) + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating topics " + names(topics), e);
    }
  }

  /** What {@link #readToEnd(Map, Collection, RecordHandler)} hands each record to. */
  @FunctionalInterface
  public interface RecordHandler {
    void accept(String topic, String key, Object value);
  }

  /**
   * Hands every record of the topic, from its start to the end it has now, to {@code onRecord}.
   *
   * @param readerConfig a consumer's configuration (deserializers, isolation level), without a
   *     group: the partitions are assigned
   */
  public static void readToEnd(
      Map<String, Object> readerConfig, String topic, BiConsumer<String, Object> onRecord) {
    readToEnd(readerConfig, List.of(topic), (t, key, value) -> onRecord.accept(key, value));
  }

  /**
   * Hands every record of the topics, each from its start to the end it has now, to {@code
   * onRecord}: in order within a partition, through one consumer (one per topic cost a consumer's
   * start-up, a few round trips, for each of 50 execution spaces). Fails when nothing arrives for
   * 30 s while records are still due, not after 30 s in all: 100,000 works take longer to read on a
   * busy machine.
   *
   * @param readerConfig a consumer's configuration (deserializers, isolation level), without a
   *     group: the partitions are assigned
   */
  public static void readToEnd(
      Map<String, Object> readerConfig, Collection<String> topics, RecordHandler onRecord) {
    readRecordsToEnd(
        readerConfig,
        topics,
        record -> onRecord.accept(record.topic(), record.key(), record.value()));
  }

  /**
   * {@link #readToEnd(Map, Collection, RecordHandler)} for a reader whose values may be poison (see
   * {@link io.kafleet.serde.PoisonTolerantDeserializer}): a value that is not a {@code expected}
   * nor a tombstone goes to {@code onSkip}, named by its topic, partition and offset, instead of to
   * {@code onRecord}.
   *
   * @param consumer who reads, as the skip events name it
   */
  public static void readToEnd(
      Map<String, Object> readerConfig,
      Collection<String> topics,
      Class<?> expected,
      String consumer,
      RecordHandler onRecord,
      Consumer<RecordSkipped> onSkip) {
    readRecordsToEnd(
        readerConfig,
        topics,
        record ->
            PoisonRecords.problem(record.value(), expected)
                .ifPresentOrElse(
                    reason ->
                        onSkip.accept(
                            PoisonRecords.skipped(
                                consumer,
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                record.key(),
                                reason,
                                Instant.now())),
                    () -> onRecord.accept(record.topic(), record.key(), record.value())));
  }

  private static void readRecordsToEnd(
      Map<String, Object> readerConfig,
      Collection<String> topics,
      Consumer<ConsumerRecord<String, Object>> onRecord) {
    if (topics.isEmpty()) {
      return;
    }
    Map<String, Object> config = new HashMap<>(readerConfig);
    // Large fetches: a read to the end wants everything, not the first 500 records per poll.
    config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    config.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        consumer.partitionsFor(topic, TIMEOUT).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .forEach(partitions::add);
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      List<TopicPartition> pending = new ArrayList<>(partitions);
      pending.removeIf(partition -> consumer.position(partition) >= end.get(partition));
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!pending.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "reading " + pending + " to the end: nothing arrived for " + TIMEOUT);
        }
        ConsumerRecords<String, Object> records = consumer.poll(Duration.ofMillis(200));
        if (!records.isEmpty()) {
          deadline = System.nanoTime() + TIMEOUT.toNanos();
        }
        for (ConsumerRecord<String, Object> record : records) {
          onRecord.accept(record);
        }
        pending.removeIf(partition -> consumer.position(partition) >= end.get(partition));
      }
    }
  }

  private static List<String> names(List<NewTopic> topics) {
    return topics.stream().map(NewTopic::name).toList();
  }
}
