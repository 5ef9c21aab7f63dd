package io.kafleet.bench;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The floor: what the parts kafleet is built from cost on their own, on the same broker and API
 * servers in the same run, so that kafleet's figures can be read as multiples of it.
 *
 * <ul>
 *   <li>Kafka: a plain producer (acks=all, no batching delay) writes a 1 KiB record to a topic of
 *       its own and a consumer already polling that topic receives it; one record at a time, so
 *       each sample is one record's trip. The producer's acknowledgement and a one-record
 *       transaction's commit are timed too.
 *   <li>Server-side apply: one ConfigMap of the bench's shape created with fabric8, field manager
 *       {@code kafleet}, as the agent applies; one at a time.
 * </ul>
 */
final class Floor {

  static final String TOPIC = "kafleet.bench.floor";
  static final String NAMESPACE = "bench-floor";

  private static final int WARM_UP = 20;
  private static final byte[] KIBIBYTE = "x".repeat(1024).getBytes();

  private Floor() {}

  /** Kafka's floor: produce→consume, produce→acknowledged, one-record transaction commit. */
  static Map<String, Object> kafka(String bootstrapServers, int samples) throws Exception {
    createTopic(bootstrapServers);
    BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
    List<Long> acked = new ArrayList<>();
    List<Long> consumed = new ArrayList<>();
    List<Long> committed = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers);
        KafkaProducer<byte[], byte[]> producer = producer(bootstrapServers, null)) {
      TopicPartition partition = new TopicPartition(TOPIC, 0);
      consumer.assign(List.of(partition));
      consumer.seekToEnd(List.of(partition));
      consumer.position(partition); // fixed now: every record written from here on is seen
      Thread poller = new Thread(() -> poll(consumer, arrivals), "bench-floor-consumer");
      poller.setDaemon(true);
      poller.start();
      try {
        for (int i = 0; i < WARM_UP + samples; i++) {
          long sent = System.nanoTime();
          producer.send(new ProducerRecord<>(TOPIC, KIBIBYTE)).get(30, TimeUnit.SECONDS);
          long ack = System.nanoTime();
          Long arrived = arrivals.poll(30, TimeUnit.SECONDS);
          if (arrived == null) {
            throw new TimeoutException("the floor's record was not consumed within 30 s");
          }
          if (i >= WARM_UP) {
            acked.add(ack - sent);
            consumed.add(arrived - sent);
          }
        }
      } finally {
        consumer.wakeup();
        poller.join(10_000);
      }
    }
    try (KafkaProducer<byte[], byte[]> transactional =
        producer(bootstrapServers, "bench-floor-" + UUID.randomUUID())) {
      transactional.initTransactions();
      for (int i = 0; i < WARM_UP + samples; i++) {
        long start = System.nanoTime();
        transactional.beginTransaction();
        transactional.send(new ProducerRecord<>(TOPIC, KIBIBYTE));
        transactional.commitTransaction();
        if (i >= WARM_UP) {
          committed.add(System.nanoTime() - start);
        }
      }
    }
    Map<String, Object> floor = new LinkedHashMap<>();
    floor.put("recordBytes", KIBIBYTE.length);
    floor.put("produceToConsume", Percentiles.ofNanos(consumed).toMap());
    floor.put("produceAcknowledged", Percentiles.ofNanos(acked).toMap());
    floor.put("transactionCommit", Percentiles.ofNanos(committed).toMap());
    return floor;
  }

  /** One ConfigMap server-side applied (created) at a time, with the agent's field manager. */
  static Percentiles serverSideApply(KubernetesClient client, int samples) {
    client
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .fieldManager("kafleet")
        .forceConflicts()
        .serverSideApply();
    String run = Long.toString(System.nanoTime(), 36);
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < WARM_UP / 2 + samples; i++) {
      ConfigMap configMap =
          new ConfigMapBuilder()
              .withNewMetadata()
              .withName("floor-" + run + "-" + i)
              .withNamespace(NAMESPACE)
              .withLabels(Map.of("app", "bench"))
              .endMetadata()
              .withData(
                  Map.of("index", Integer.toString(i), "color", "blue", "payload", "x".repeat(200)))
              .build();
      long start = System.nanoTime();
      client.resource(configMap).fieldManager("kafleet").forceConflicts().serverSideApply();
      if (i >= WARM_UP / 2) {
        times.add(System.nanoTime() - start);
      }
    }
    return Percentiles.ofNanos(times);
  }

  private static void poll(KafkaConsumer<byte[], byte[]> consumer, BlockingQueue<Long> arrivals) {
    try {
      while (true) {
        for (ConsumerRecord<byte[], byte[]> ignored : consumer.poll(Duration.ofMillis(100))) {
          arrivals.add(System.nanoTime());
        }
      }
    } catch (WakeupException e) {
      // done
    }
  }

  private static void createTopic(String bootstrapServers)
      throws InterruptedException, ExecutionException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      if (!admin.listTopics().names().get().contains(TOPIC)) {
        admin.createTopics(Set.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
      }
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  private static KafkaProducer<byte[], byte[]> producer(
      String bootstrapServers, String transactionalId) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    if (transactionalId != null) {
      config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    }
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
