package io.kafleet.agent;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kafleet.agent.metrics.AgentMetrics;
import io.kafleet.events.RecordSkipped;
import io.kafleet.events.StatusEvent;
import io.kafleet.events.Work;
import io.kafleet.events.WorkStatus;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.schemas.Topics;
import io.kafleet.serde.KafleetAvroDeserializer;
import io.kafleet.serde.KafleetAvroSerializer;
import io.kafleet.serde.SerdeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One member cluster's topics on the test broker, a way to write its works as placement-service
 * does, to read its agent's status reports, and to start its agent in this JVM.
 */
public final class AgentTestBed implements AutoCloseable {

  /** How long a test waits for the agent before it fails; never a pass condition. */
  public static final Duration PATIENCE = Duration.ofSeconds(60);

  private final EmbeddedKafkaBroker broker;
  private final String registryUrl;
  private final Topics topics;
  private final String cluster;
  private final String kubeconfig;
  private final KafkaProducer<String, Work> producer;
  private final KafkaConsumer<String, StatusEvent> statusConsumer;
  private final List<WorkStatus> statuses = new ArrayList<>();
  private final List<RecordSkipped> skips = new ArrayList<>();

  public AgentTestBed(
      EmbeddedKafkaBroker broker,
      String registryUrl,
      TestTopics testTopics,
      String cluster,
      String kubeconfig) {
    this.broker = broker;
    this.registryUrl = registryUrl;
    this.topics = new Topics(testTopics.prefix());
    this.cluster = cluster;
    this.kubeconfig = kubeconfig;
    broker.createCompactedTopic(topics.executionSpace(cluster), 1);
    broker.createCompactedTopic(topics.status(cluster), 1);
    Map<String, Object> producerConfig = broker.adminClientProperties();
    producerConfig.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
    producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafleetAvroSerializer.class);
    this.producer = new KafkaProducer<>(producerConfig);
    Map<String, Object> consumerConfig = broker.adminClientProperties();
    consumerConfig.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
    consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    consumerConfig.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafleetAvroDeserializer.class);
    this.statusConsumer = new KafkaConsumer<>(consumerConfig);
    TopicPartition partition = new TopicPartition(topics.status(cluster), 0);
    statusConsumer.assign(List.of(partition));
    statusConsumer.seekToBeginning(List.of(partition));
  }

  public String cluster() {
    return cluster;
  }

  public Topics topics() {
    return topics;
  }

  /** The agent's environment, as an operator would set it. */
  public Map<String, String> environment(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put(AgentSettings.CLUSTER, cluster);
    env.put(AgentSettings.BOOTSTRAP_SERVERS, broker.bootstrapServers());
    env.put(AgentSettings.SCHEMA_REGISTRY_URL, registryUrl);
    env.put(AgentSettings.TOPIC_PREFIX, topics.prefix());
    env.put(AgentSettings.RETRY_INITIAL_BACKOFF_MS, "500");
    env.put(AgentSettings.RETRY_MAX_BACKOFF_MS, "2000");
    env.putAll(extra);
    return env;
  }

  /** Starts the agent in this JVM and waits for its start-up pass. */
  public Agent startAgent(Map<String, String> extra) {
    return startAgent(extra, AgentMetrics.create(cluster));
  }

  /** Starts the agent in this JVM, counting on these meters, and waits for its start-up pass. */
  public Agent startAgent(Map<String, String> extra, AgentMetrics metrics) {
    Environment env = new Environment(environment(extra));
    Agent agent = Agent.start(AgentSettings.fromEnvironment(env), env, kubernetes(), metrics);
    agent.started().join();
    return agent;
  }

  public Agent startAgent() {
    return startAgent(Map.of());
  }

  public KubernetesClient kubernetes() {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
  }

  public void publish(Work... works) throws Exception {
    for (Work work : works) {
      producer.send(
          new ProducerRecord<>(topics.executionSpace(cluster), work.getObjectKey(), work));
    }
    producer.flush();
  }

  /** Bytes that are no kafleet record (no magic byte) under the key; returns their offset. */
  public long publishPoison(String key) throws Exception {
    Map<String, Object> config = broker.adminClientProperties();
    try (KafkaProducer<String, byte[]> raw =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      return raw.send(
              new ProducerRecord<>(
                  topics.executionSpace(cluster),
                  key,
                  "not a kafleet record".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
          .get()
          .offset();
    }
  }

  /** Waits for the agent's report of a skipped record and returns it. */
  public RecordSkipped awaitSkipped() {
    return await()
        .atMost(PATIENCE)
        .pollInSameThread()
        .until(
            () -> {
              poll();
              return skips.isEmpty() ? null : skips.get(0);
            },
            java.util.Objects::nonNull);
  }

  public void tombstone(String key) throws Exception {
    producer.send(new ProducerRecord<>(topics.executionSpace(cluster), key, null)).get();
  }

  /** Waits until the latest status reported for the key matches, and returns it. */
  public WorkStatus awaitStatus(String key, Predicate<WorkStatus> wanted) {
    try {
      return await()
          .atMost(PATIENCE)
          .pollDelay(Duration.ZERO)
          .pollInSameThread()
          .pollInterval(Duration.ofMillis(1))
          .until(
              () -> {
                poll();
                return latest(key);
              },
              latest -> latest != null && wanted.test(latest));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "no status of " + key + " as wanted within " + PATIENCE + "; latest: " + latest(key), e);
    }
  }

  /** Every status reported so far for the key, oldest first. */
  public List<WorkStatus> statuses(String key) {
    poll();
    return statuses.stream().filter(s -> s.getObjectKey().equals(key)).toList();
  }

  /** Every status reported so far, oldest first, after one poll for more. */
  public List<WorkStatus> allStatuses() {
    poll();
    return List.copyOf(statuses);
  }

  /** The object keys with at least one status reported so far. */
  public java.util.Set<String> reportedKeys() {
    poll();
    return statuses.stream()
        .map(WorkStatus::getObjectKey)
        .collect(java.util.stream.Collectors.toSet());
  }

  private WorkStatus latest(String key) {
    WorkStatus latest = null;
    for (WorkStatus status : statuses) {
      if (status.getObjectKey().equals(key)) {
        latest = status;
      }
    }
    return latest;
  }

  private void poll() {
    for (ConsumerRecord<String, StatusEvent> record : statusConsumer.poll(Duration.ofMillis(200))) {
      if (record.value() != null && record.value().getPayload() instanceof WorkStatus status) {
        statuses.add(status);
      }
      if (record.value() != null && record.value().getPayload() instanceof RecordSkipped skipped) {
        skips.add(skipped);
      }
    }
  }

  @Override
  public void close() {
    producer.close();
    statusConsumer.close();
  }
}
