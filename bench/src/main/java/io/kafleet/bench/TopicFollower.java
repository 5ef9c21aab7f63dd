package io.kafleet.bench;

import io.kafleet.serde.KafleetAvroDeserializer;
import io.kafleet.serde.SerdeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics from their current end on, as any outside consumer would (committed records only),
 * handing each record with the moment it arrived ({@link System#nanoTime}) to a handler on its own
 * thread. Returns from {@link #start} only once the end positions are fixed, so nothing written
 * afterwards is missed.
 */
final class TopicFollower<V extends SpecificRecord> implements AutoCloseable {

  private final KafkaConsumer<String, V> consumer;
  private final BiConsumer<ConsumerRecord<String, V>, Long> handler;
  private final Thread thread;
  private volatile boolean running = true;

  private TopicFollower(
      KafkaConsumer<String, V> consumer, BiConsumer<ConsumerRecord<String, V>, Long> handler) {
    this.consumer = consumer;
    this.handler = handler;
    this.thread = new Thread(this::run, "bench-follower");
    thread.setDaemon(true);
  }

  static <V extends SpecificRecord> TopicFollower<V> start(
      String bootstrapServers,
      String registryUrl,
      List<String> topics,
      BiConsumer<ConsumerRecord<String, V>, Long> handler) {
    KafleetAvroDeserializer<V> values = new KafleetAvroDeserializer<>();
    values.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
    KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5000),
            new StringDeserializer(),
            values);
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      consumer
          .partitionsFor(topic)
          .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // fixes the end now, not at the first poll
    TopicFollower<V> follower = new TopicFollower<>(consumer, handler);
    follower.thread.start();
    return follower;
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(100))) {
          handler.accept(record, System.nanoTime());
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
