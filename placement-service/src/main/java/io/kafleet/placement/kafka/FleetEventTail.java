package io.kafleet.placement.kafka;

import io.kafleet.events.FleetEvent;
import io.kafleet.placement.events.RecentEvents;
import io.kafleet.placement.events.TailedEvent;
import io.kafleet.schemas.FleetEventJson;
import io.kafleet.serde.PoisonRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads both fleet event topics into {@link RecentEvents}, for the console: on every instance
 * (standbys too, it only reads), without a consumer group (every partition assigned, nothing
 * committed), committed records only. It starts with the last {@value #REPLAY_PER_PARTITION}
 * records of each partition, then follows; a topic or partition that appears later is read from its
 * beginning. Without Kafka it retries in the background: it never holds up start-up or readiness. A
 * record that is not a fleet event is skipped and logged; only the writer of a topic reports skips
 * as events.
 */
public final class FleetEventTail implements SmartLifecycle {

  /** How far back each partition is read at start: the cache's fill, from Kafka. */
  static final int REPLAY_PER_PARTITION = 500;

  private static final Logger log = LoggerFactory.getLogger(FleetEventTail.class);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration ANSWER = Duration.ofSeconds(10);
  private static final Duration RETRY = Duration.ofSeconds(5);
  private static final Duration RECHECK_PARTITIONS = Duration.ofSeconds(5);

  private final KafkaSettings settings;
  private final RecentEvents events;
  private final List<String> topics;
  // The tail's own thread only: where each assigned partition is to be read from next.
  private final Map<TopicPartition, Long> next = new HashMap<>();
  private boolean replayed;
  private boolean failing;
  private volatile CountDownLatch stopRequested = new CountDownLatch(0);
  private volatile KafkaConsumer<String, Object> consumer;
  private volatile Thread thread;

  public FleetEventTail(KafkaSettings settings, RecentEvents events) {
    this.settings = settings;
    this.events = events;
    this.topics = List.of(settings.topics().placementEvents(), settings.topics().trafficEvents());
  }

  @Override
  public void start() {
    stopRequested = new CountDownLatch(1);
    Thread started = new Thread(this::run, "kafleet-events-tail");
    started.setDaemon(true);
    thread = started;
    started.start();
  }

  @Override
  public void stop() {
    stopRequested.countDown();
    KafkaConsumer<String, Object> running = consumer;
    if (running != null) {
      running.wakeup();
    }
    Thread started = thread;
    if (started != null) {
      try {
        started.join(ANSWER.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    Thread started = thread;
    return started != null && started.isAlive();
  }

  private boolean stopping() {
    return stopRequested.getCount() == 0;
  }

  private void run() {
    while (!stopping()) {
      try {
        follow();
      } catch (WakeupException e) {
        // stop() asked
      } catch (RuntimeException e) {
        if (!failing) {
          log.warn(
              "the fleet events tail cannot read {} yet: {}; retrying every {}",
              topics,
              e.getCause() == null ? e.toString() : e + ": " + e.getCause(),
              RETRY);
        }
        failing = true;
      } finally {
        KafkaConsumer<String, Object> closing = consumer;
        consumer = null;
        if (closing != null) {
          try {
            closing.close();
          } catch (RuntimeException e) {
            log.debug("closing the fleet events tail's consumer failed", e);
          }
        }
      }
      pause(RETRY);
    }
  }

  /** Reads until stopped or Kafka fails, from where the last consumer stopped. */
  private void follow() {
    Map<String, Object> config = settings.reader();
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "kafleet-placement-events-tail");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    // A position that retention passed by goes to the oldest record left, not past everything.
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ANSWER.toMillis());
    consumer = new KafkaConsumer<>(config);
    // After publishing the consumer: stop() either wakes it, or is seen here.
    if (stopping()) {
      return;
    }
    if (!next.isEmpty()) {
      consumer.assign(next.keySet());
      next.forEach(consumer::seek);
    }
    long recheckAt = System.nanoTime();
    while (!stopping()) {
      if (System.nanoTime() - recheckAt >= 0) {
        assignNewPartitions();
        recheckAt = System.nanoTime() + RECHECK_PARTITIONS.toNanos();
      }
      if (next.isEmpty()) {
        pause(POLL); // neither topic exists yet
      } else {
        List<TailedEvent> read = new ArrayList<>();
        for (ConsumerRecord<String, Object> record : consumer.poll(POLL)) {
          next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
          decode(record).ifPresent(read::add);
        }
        events.add(read);
      }
      if (failing) {
        log.info("the fleet events tail reads {}", topics);
        failing = false;
      }
    }
  }

  /**
   * Assigns the partitions not assigned yet: those there at the first look from their last {@value
   * #REPLAY_PER_PARTITION} records, those that appear later from their beginning.
   */
  private void assignNewPartitions() {
    List<TopicPartition> found = new ArrayList<>();
    for (String topic : topics) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, ANSWER);
      for (PartitionInfo partition : partitions == null ? List.<PartitionInfo>of() : partitions) {
        TopicPartition assigned = new TopicPartition(topic, partition.partition());
        if (!next.containsKey(assigned)) {
          found.add(assigned);
        }
      }
    }
    if (!found.isEmpty()) {
      Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(found, ANSWER);
      Map<TopicPartition, Long> ends = consumer.endOffsets(found, ANSWER);
      List<TopicPartition> all = new ArrayList<>(next.keySet());
      all.addAll(found);
      consumer.assign(all);
      for (TopicPartition partition : found) {
        long from = startOffset(replayed, beginnings.get(partition), ends.get(partition));
        consumer.seek(partition, from);
        next.put(partition, from);
      }
    }
    replayed = true;
  }

  /**
   * Where a partition newly assigned is read from: at the first look, its last {@value
   * #REPLAY_PER_PARTITION} records (fewer when it holds fewer); later (a topic or partition made
   * since), its beginning, since all of it is new.
   */
  static long startOffset(boolean firstLookDone, long beginning, long end) {
    return firstLookDone ? beginning : Math.max(beginning, end - REPLAY_PER_PARTITION);
  }

  private static Optional<TailedEvent> decode(ConsumerRecord<String, Object> record) {
    Optional<String> poison = PoisonRecords.problem(record.value(), FleetEvent.class);
    if (poison.isPresent()) {
      log.warn(
          "the fleet events tail skipped the record at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          poison.get());
      return Optional.empty();
    }
    if (!(record.value() instanceof FleetEvent event)) {
      return Optional.empty(); // a tombstone
    }
    return Optional.of(
        new TailedEvent(
            record.topic(),
            record.partition(),
            record.offset(),
            FleetEventJson.type(event),
            event.getOccurredAt(),
            FleetEventJson.json(event)));
  }

  private void pause(Duration pause) {
    try {
      stopRequested.await(pause.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopRequested.countDown();
    }
  }
}
