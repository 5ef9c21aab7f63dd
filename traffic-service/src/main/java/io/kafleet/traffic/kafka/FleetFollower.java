package io.kafleet.traffic.kafka;

import io.kafleet.schemas.ControlPlaneClients;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows, read-only and from the start, the templates topic, every execution space (which clusters
 * hold a VirtualService, with what) and every status topic (what the agents report), through one
 * pattern subscription, so a cluster that joins later is picked up within seconds. It says when it
 * has read what the topics held at start-up: only then is the fleet view complete enough to
 * validate and decide on.
 */
final class FleetFollower implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FleetFollower.class);

  private final KafkaConsumer<String, Object> consumer;
  private final Traffic traffic;
  private final Pattern topics;
  private final Thread thread;

  FleetFollower(TrafficSettings settings, Traffic traffic) {
    this.traffic = traffic;
    String prefix = settings.topics().prefix();
    this.topics =
        Pattern.compile(
            Pattern.quote(prefix) + "kafleet\\.(templates|es\\..+|status\\..+|rollout\\.requests)");
    Map<String, Object> config = settings.reader();
    // A group of its own: every instance reads everything; nothing is committed.
    config.put(
        ConsumerConfig.GROUP_ID_CONFIG,
        ControlPlaneClients.trafficGroups(settings.topics()) + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5000);
    this.consumer = new KafkaConsumer<>(config);
    this.thread = new Thread(this::run, "kafleet-traffic-fleet");
    thread.start();
  }

  private void run() {
    try {
      Map<TopicPartition, Long> startEnds = endsNow();
      consumer.subscribe(topics);
      boolean caughtUp = false;
      while (true) {
        ConsumerRecords<String, Object> records = consumer.poll(Duration.ofMillis(500));
        List<ConsumerRecord<String, Object>> batch = new java.util.ArrayList<>();
        records.forEach(batch::add);
        if (!caughtUp) {
          startEnds
              .entrySet()
              .removeIf(
                  end ->
                      consumer.assignment().contains(end.getKey())
                          && consumer.position(end.getKey()) >= end.getValue());
          caughtUp = startEnds.isEmpty();
        }
        traffic.onRecords(batch, caughtUp);
      }
    } catch (WakeupException closing) {
      // close() asked
    } catch (RuntimeException e) {
      log.error("following the fleet stopped", e);
    } finally {
      consumer.close();
    }
  }

  /** The end of every partition of the followed topics that exist now, with records in them. */
  private Map<TopicPartition, Long> endsNow() {
    Map<TopicPartition, Long> ends = new HashMap<>();
    for (Map.Entry<String, List<PartitionInfo>> topic : consumer.listTopics().entrySet()) {
      if (topics.matcher(topic.getKey()).matches()) {
        List<TopicPartition> partitions =
            topic.getValue().stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.endOffsets(partitions).forEach(ends::put);
      }
    }
    ends.values().removeIf(end -> end == 0);
    return ends;
  }

  @Override
  public void close() {
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
