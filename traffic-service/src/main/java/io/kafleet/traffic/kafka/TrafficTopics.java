package io.kafleet.traffic.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics traffic-service writes, and reads a topic to its end at start-up. */
final class TrafficTopics {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private TrafficTopics() {}

  /** The shifts and events topics: one partition each, logs that age out (as the schemas say). */
  static void create(TrafficSettings settings) {
    List<String> topics =
        List.of(
            settings.topics().trafficShifts(),
            settings.topics().trafficEvents(),
            settings.topics().rolloutRequests());
    List<NewTopic> wanted =
        topics.stream()
            .map(
                name ->
                    new NewTopic(name, Optional.of(1), settings.replicationFactor())
                        .configs(
                            Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                TopicConfig.CLEANUP_POLICY_DELETE)))
            .toList();
    try (Admin admin = Admin.create(settings.admin())) {
      for (var result : admin.createTopics(wanted).values().entrySet()) {
        try {
          result.getValue().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + result.getKey(), e);
          }
        }
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("creating topics " + topics + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating topics " + topics, e);
    }
  }

  static void readToEnd(
      TrafficSettings settings, String topic, BiConsumer<String, Object> onRecord) {
    try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(settings.reader())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, TIMEOUT).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      List<TopicPartition> pending = new ArrayList<>(partitions);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!pending.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "could not read " + topic + " to its end within " + TIMEOUT);
        }
        for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
          onRecord.accept(record.key(), record.value());
        }
        pending.removeIf(partition -> consumer.position(partition) >= end.get(partition));
      }
    }
  }
}
