package io.kafleet.agent;

import static org.awaitility.Awaitility.await;

import io.kafleet.events.ClusterHeartbeat;
import io.kafleet.events.ConditionStatus;
import io.kafleet.events.StatusEvent;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.serde.KafleetAvroDeserializer;
import io.kafleet.serde.KafleetAvroSerializer;
import io.kafleet.serde.SerdeConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;

/** Test access to a status topic, the way placement-service reads it: Avro through the registry. */
public final class StatusTopics {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private StatusTopics() {}

  public static Map<String, Object> producerConfig(EmbeddedKafkaBroker broker, String registryUrl) {
    Map<String, Object> config = broker.clientConfig();
    config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafleetAvroSerializer.class);
    return config;
  }

  public static Map<String, Object> consumerConfig(EmbeddedKafkaBroker broker, String registryUrl) {
    Map<String, Object> config = broker.clientConfig();
    config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafleetAvroDeserializer.class);
    return config;
  }

  /**
   * The first heartbeat on the single-partition topic, keyed by the cluster, whose Ready condition
   * has the status; fails naming what it saw when none comes.
   */
  public static ClusterHeartbeat awaitHeartbeat(
      EmbeddedKafkaBroker broker,
      String registryUrl,
      String topic,
      String cluster,
      ConditionStatus ready) {
    try (var consumer =
        new KafkaConsumer<String, StatusEvent>(consumerConfig(broker, registryUrl))) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      AtomicReference<ClusterHeartbeat> last = new AtomicReference<>();
      AtomicReference<ClusterHeartbeat> found = new AtomicReference<>();
      try {
        await()
            .atMost(PATIENCE)
            .pollDelay(Duration.ZERO)
            .pollInSameThread()
            .pollInterval(Duration.ofMillis(1))
            .until(
                () -> {
                  for (ConsumerRecord<String, StatusEvent> record :
                      consumer.poll(Duration.ofMillis(200))) {
                    if (cluster.equals(record.key())
                        && record.value() != null
                        && record.value().getPayload() instanceof ClusterHeartbeat heartbeat) {
                      last.set(heartbeat);
                      if (heartbeat.getConditions().stream()
                          .anyMatch(c -> "Ready".equals(c.getType()) && c.getStatus() == ready)) {
                        found.set(heartbeat);
                        return true;
                      }
                    }
                  }
                  return false;
                });
        return found.get();
      } catch (ConditionTimeoutException e) {
        throw new AssertionError(
            "no heartbeat of "
                + cluster
                + " with Ready="
                + ready
                + " on "
                + topic
                + "; last: "
                + last.get(),
            e);
      }
    }
  }
}
