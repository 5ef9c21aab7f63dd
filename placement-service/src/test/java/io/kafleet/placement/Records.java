package io.kafleet.placement;

import static org.awaitility.Awaitility.await;

import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.serde.PoisonTolerantDeserializer;
import io.kafleet.serde.SerdeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic the way any outside consumer would: committed records, in the wire format. */
public final class Records {

  private Records() {}

  /** Every committed record of the single-partition topic, from the start to its current end. */
  public static <V> List<ConsumerRecord<String, V>> readAll(
      EmbeddedKafkaBroker broker, String registryUrl, String topic) {
    Map<String, Object> config = broker.adminClientProperties();
    config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, PoisonTolerantDeserializer.class);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (var consumer = new KafkaConsumer<String, V>(config)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = broker.logEnd(partition);
      List<ConsumerRecord<String, V>> records = new ArrayList<>();
      await("the end of " + topic)
          .atMost(Duration.ofSeconds(30))
          .pollDelay(Duration.ZERO)
          .pollInSameThread()
          .pollInterval(Duration.ofMillis(1))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return consumer.position(partition) >= end;
              });
      return records;
    }
  }

  /** The keys a compacted topic holds once compacted: the last record of each key, unless null. */
  public static <V> TreeSet<String> liveKeys(List<ConsumerRecord<String, V>> records) {
    TreeSet<String> live = new TreeSet<>();
    for (ConsumerRecord<String, V> record : records) {
      if (record.value() == null) {
        live.remove(record.key());
      } else {
        live.add(record.key());
      }
    }
    return live;
  }
}
