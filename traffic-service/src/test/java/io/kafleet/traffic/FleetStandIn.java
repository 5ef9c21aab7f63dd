package io.kafleet.traffic;

import static org.awaitility.Awaitility.await;

import io.kafleet.events.Health;
import io.kafleet.events.StatusEvent;
import io.kafleet.events.StoredObject;
import io.kafleet.events.Work;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import io.kafleet.kafka.embedded.KafkaBroker;
import io.kafleet.schemas.Topics;
import io.kafleet.serde.KafleetAvroSerializer;
import io.kafleet.serde.PoisonTolerantDeserializer;
import io.kafleet.serde.SerdeConfig;
import io.kafleet.traffic.fleet.Routes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The test standing in for placement-service (templates, works) and the agents (work statuses),
 * writing what they would write, and reading topics as any outside consumer would.
 */
public final class FleetStandIn implements AutoCloseable {

  public static final String VS = "networking.istio.io/VirtualService/default/podinfo";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final KafkaBroker broker;
  private final String registryUrl;
  private final Topics topics;
  private final KafkaProducer<String, Object> producer;

  public FleetStandIn(KafkaBroker broker, String registryUrl, Topics topics) {
    this.broker = broker;
    this.registryUrl = registryUrl;
    this.topics = topics;
    Map<String, Object> config = broker.clientConfig();
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafleetAvroSerializer.class);
    config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
    this.producer = new KafkaProducer<>(config);
  }

  /**
   * podinfo as the seed applies it, on blue in every one of {@code clusters}: its VirtualService,
   * DestinationRule and Service templates, and the VirtualService's work applied in each cluster.
   */
  public void podinfoOnBlue(List<String> clusters) throws Exception {
    template(VS, 1, PodinfoDocuments.BLUE, "alice");
    template(
        "networking.istio.io/DestinationRule/default/podinfo", 1, PodinfoDocuments.RULE, "alice");
    template("core/Service/default/podinfo", 1, PodinfoDocuments.SERVICE, "alice");
    for (String cluster : clusters) {
      work(cluster, 1, "hash-blue", PodinfoDocuments.BLUE);
      applied(cluster, 1, "hash-blue", PodinfoDocuments.BLUE);
    }
  }

  /** The topics placement-service and the agents would have created. */
  public void createTopics(List<String> clusters) {
    broker.createCompactedTopic(topics.templates(), 1);
    for (String cluster : clusters) {
      broker.createCompactedTopic(topics.executionSpace(cluster), 1);
      broker.createCompactedTopic(topics.status(cluster), 1);
    }
  }

  public void template(String key, long generation, String document, String appliedBy)
      throws Exception {
    String apiVersion = JSON.readTree(document).path("apiVersion").asString();
    send(
        topics.templates(),
        key,
        new StoredObject(key, apiVersion, document, generation, appliedBy, Instant.now(), null));
  }

  public void work(String cluster, long generation, String hash, String document) throws Exception {
    Instant now = Instant.now();
    Work work =
        Work.newBuilder()
            .setObjectKey(VS)
            .setCluster(cluster)
            .setApiVersion("networking.istio.io/v1alpha3")
            .setManifest(document)
            .setTemplateGeneration(generation)
            .setContentHash(hash)
            .setCreatedAt(now)
            .setUpdatedAt(now)
            .build();
    send(topics.executionSpace(cluster), VS, work);
  }

  /** The agent of {@code cluster} reports the VirtualService applied, weights read back. */
  public void applied(String cluster, long generation, String hash, String observed)
      throws Exception {
    WorkStatus status =
        WorkStatus.newBuilder()
            .setCluster(cluster)
            .setObjectKey(VS)
            .setAppliedHash(hash)
            .setAppliedGeneration(generation)
            .setPhase(WorkPhase.Applied)
            .setLiveSummary(Map.of())
            .setObservedWeights(Routes.all(JSON.readTree(observed)))
            .setReportedAt(Instant.now())
            .build();
    send(topics.status(cluster), VS, new StatusEvent(cluster, status));
  }

  /** The agent of {@code cluster} reports a Deployment applied with the given health. */
  public void deployment(String cluster, String key, Health health) throws Exception {
    WorkStatus status =
        WorkStatus.newBuilder()
            .setCluster(cluster)
            .setObjectKey(key)
            .setAppliedHash("hash-" + key)
            .setAppliedGeneration(1L)
            .setPhase(WorkPhase.Applied)
            .setHealth(health)
            .setLiveSummary(Map.of())
            .setReportedAt(Instant.now())
            .build();
    send(topics.status(cluster), key, new StatusEvent(cluster, status));
  }

  /** A producer of this stand-in's kind, for a test that publishes as a CI pipeline would. */
  public void publish(String topic, String key, Object value) throws Exception {
    send(topic, key, value);
  }

  /**
   * A consumer of this broker from the start of {@code topic}, for a stand-in that follows it:
   * committed records only, as placement-service reads traffic-service's transactions.
   */
  public <V> KafkaConsumer<String, V> follow(String topic) {
    Map<String, Object> config = broker.clientConfig();
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, PoisonTolerantDeserializer.class);
    KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config);
    TopicPartition partition = new TopicPartition(topic, 0);
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    return consumer;
  }

  private void send(String topic, String key, Object value) throws Exception {
    producer.send(new ProducerRecord<>(topic, key, value)).get();
  }

  /** Every record of the single-partition topic, from the start to its current end. */
  public <V> List<ConsumerRecord<String, V>> readAll(String topic) {
    Map<String, Object> config = broker.clientConfig();
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

  @Override
  public void close() {
    producer.close();
  }
}
