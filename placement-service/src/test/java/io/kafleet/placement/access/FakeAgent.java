package io.kafleet.placement.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafleet.events.StatusEvent;
import io.kafleet.events.Work;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.schemas.AgentGroups;
import io.kafleet.schemas.Topics;
import io.kafleet.serde.KafleetAvroDeserializer;
import io.kafleet.serde.KafleetAvroSerializer;
import io.kafleet.serde.SerdeConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;

/**
 * Stands in for a cluster's agent, with the credentials its join answered: reads its execution
 * space in its own group and reports each work Applied, each tombstone Deleted.
 */
final class FakeAgent implements AutoCloseable {

  private final Set<String> applied = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile boolean running = true;

  FakeAgent(
      EmbeddedKafkaBroker broker, String registry, Topics topics, String cluster, JsonNode answer) {
    Map<String, Object> config = clientConfig(broker, answer);
    config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registry);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, AgentGroups.works(cluster));
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafleetAvroDeserializer.class);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    var consumer = new KafkaConsumer<String, Work>(config);
    var producer = producer(broker, registry, answer);
    consumer.subscribe(List.of(topics.executionSpace(cluster)));
    thread =
        new Thread(
            () -> {
              try (consumer;
                  producer) {
                while (running) {
                  for (var record : consumer.poll(Duration.ofMillis(200))) {
                    Work work = record.value();
                    WorkStatus report =
                        WorkStatus.newBuilder()
                            .setCluster(cluster)
                            .setObjectKey(record.key())
                            .setAppliedHash(work == null ? null : work.getContentHash())
                            .setPhase(work == null ? WorkPhase.Deleted : WorkPhase.Applied)
                            .setReportedAt(Instant.now())
                            .build();
                    producer.send(
                        new ProducerRecord<>(
                            topics.status(cluster),
                            record.key(),
                            new StatusEvent(cluster, report)));
                    if (work != null) {
                      applied.add(record.key());
                    }
                  }
                  producer.flush();
                  consumer.commitSync();
                }
              }
            },
            "fake-agent-" + cluster);
    thread.start();
  }

  void awaitApplied(String key) throws InterruptedException {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(100))
        .failFast("the fake agent stopped before it got " + key, () -> !thread.isAlive())
        .untilAsserted(() -> assertThat(applied).as("what the agent got").contains(key));
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(30_000);
  }

  static Map<String, Object> clientConfig(EmbeddedKafkaBroker broker, JsonNode answer) {
    JsonNode kafka = answer.path("kafka");
    Map<String, Object> config =
        broker.clientConfig(kafka.path("username").asString(), kafka.path("password").asString());
    config.put("security.protocol", kafka.path("securityProtocol").asString());
    config.put("sasl.mechanism", kafka.path("mechanism").asString());
    return config;
  }

  static KafkaProducer<String, StatusEvent> producer(
      EmbeddedKafkaBroker broker, String registry, JsonNode answer) {
    Map<String, Object> config = clientConfig(broker, answer);
    config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registry);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafleetAvroSerializer.class);
    return new KafkaProducer<>(config);
  }
}
