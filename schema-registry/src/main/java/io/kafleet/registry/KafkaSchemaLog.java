package io.kafleet.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log kept in a one-partition compacted Kafka topic. A background thread reads it from the
 * beginning and materializes every record in log order; a write produces a record and waits until
 * that thread has read it back, so that all instances on the topic agree on which proposal won.
 */
final class KafkaSchemaLog implements SchemaLog {

  private static final Logger log = LoggerFactory.getLogger(KafkaSchemaLog.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final TopicPartition partition;
  private final Duration timeout;
  private final KafkaProducer<String, String> producer;
  private final KafkaConsumer<String, String> consumer;
  private final Function<LogRecord, Outcome> materializer;
  private final LogCodec codec = new LogCodec();
  private final Map<String, CompletableFuture<Outcome>> awaitedProposals =
      new ConcurrentHashMap<>();
  private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
  private final Thread reader;
  private volatile boolean running = true;
  private volatile RuntimeException readerFailure;

  KafkaSchemaLog(
      String topic,
      Duration timeout,
      KafkaProducer<String, String> producer,
      KafkaConsumer<String, String> consumer,
      Function<LogRecord, Outcome> materializer) {
    this.partition = new TopicPartition(topic, 0);
    this.timeout = timeout;
    this.producer = producer;
    this.consumer = consumer;
    this.materializer = materializer;
    this.reader = new Thread(this::readLog, "kafleet-schema-registry-reader-" + topic);
    this.reader.setDaemon(true);
  }

  /**
   * Creates the topic if needed and returns once the whole log, as it was when called, has been
   * materialized: a registry must not answer from a partial history.
   */
  static KafkaSchemaLog open(RegistrySettings settings, Function<LogRecord, Outcome> materializer) {
    StoreTopic.ensure(settings);
    KafkaProducer<String, String> producer =
        new KafkaProducer<>(KafkaClientConfigs.producer(settings));
    KafkaConsumer<String, String> consumer;
    try {
      consumer = new KafkaConsumer<>(KafkaClientConfigs.consumer(settings));
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
    KafkaSchemaLog store =
        new KafkaSchemaLog(settings.topic(), settings.timeout(), producer, consumer, materializer);
    try {
      store.readToEnd();
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private void readToEnd() {
    reader.start();
    try {
      caughtUp.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Cannot read the schema store topic " + partition.topic() + ": " + e.getCause(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "The schema store topic " + partition.topic() + " was not read within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading the schema store", e);
    }
  }

  @Override
  public Outcome append(LogRecord record) {
    if (readerFailure != null) {
      throw RegistryException.storeError("the store reader stopped: " + readerFailure);
    }
    CompletableFuture<Outcome> materialized = new CompletableFuture<>();
    awaitedProposals.put(record.proposal(), materialized);
    try {
      producer
          .send(
              new ProducerRecord<>(
                  partition.topic(), partition.partition(), codec.key(record), codec.value(record)))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return materialized.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw RegistryException.storeError(String.valueOf(e.getCause()));
    } catch (TimeoutException e) {
      throw RegistryException.storeTimeout(
          "the schema store did not confirm the write within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryException.storeError("interrupted");
    } finally {
      awaitedProposals.remove(record.proposal());
    }
  }

  private void readLog() {
    try {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (running) {
        // Checked before polling too, so that an empty or fully read topic costs no poll wait.
        if (!caughtUp.isDone() && consumer.position(partition) >= end) {
          caughtUp.complete(null);
        }
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
          materialize(record);
        }
      }
    } catch (WakeupException | InterruptException e) {
      // close() stops the reader this way.
    } catch (RuntimeException e) {
      if (running) {
        log.error("Stopped reading the schema store topic {}", partition.topic(), e);
      }
      readerFailure = e;
      caughtUp.completeExceptionally(e);
      awaitedProposals.values().forEach(awaited -> awaited.completeExceptionally(e));
    } finally {
      closeConsumer();
    }
  }

  private void materialize(ConsumerRecord<String, String> record) {
    if (record.value() == null) {
      return; // the registry writes no tombstones; someone else's mean nothing here
    }
    LogRecord entry;
    try {
      entry = codec.decode(record.value());
    } catch (IllegalArgumentException e) {
      log.warn(
          "Skipping record at offset {} of {}: {}",
          record.offset(),
          partition.topic(),
          e.getMessage());
      return;
    }
    Outcome outcome;
    try {
      outcome = materializer.apply(entry);
    } catch (RuntimeException e) {
      // Every instance runs the same code on the same record and skips it alike.
      log.error("Skipping record at offset {} of {}", record.offset(), partition.topic(), e);
      outcome = Outcome.REJECTED;
    }
    CompletableFuture<Outcome> awaited = awaitedProposals.remove(entry.proposal());
    if (awaited != null) {
      awaited.complete(outcome);
    }
  }

  /** Without waiting: the consumer has no group and no offsets to commit, only a fetch to drop. */
  private void closeConsumer() {
    consumer.close(CloseOptions.timeout(Duration.ZERO));
  }

  @Override
  public void close() {
    running = false;
    if (reader.isAlive()) {
      consumer.wakeup();
      try {
        reader.join(timeout.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else if (reader.getState() == Thread.State.NEW) {
      closeConsumer();
    }
    producer.close(Duration.ofSeconds(5));
  }
}
