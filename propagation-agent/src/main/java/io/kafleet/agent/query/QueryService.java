package io.kafleet.agent.query;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kafleet.agent.AgentService;
import io.kafleet.agent.KafkaClients;
import io.kafleet.agent.metrics.AgentMetrics;
import io.kafleet.agent.status.SkipReports;
import io.kafleet.events.AgentQuery;
import io.kafleet.events.AgentQueryReply;
import io.kafleet.events.RecordSkipped;
import io.kafleet.schemas.AgentGroups;
import io.kafleet.schemas.Topics;
import io.kafleet.serde.KafleetAvroSerializer;
import io.kafleet.serde.PoisonRecords;
import io.kafleet.serde.PoisonTolerantDeserializer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the control plane's live-object queries: reads {@code kafleet.query.<cluster>} with a
 * consumer group of its own, starting at the end (a query nobody waits for any more is not
 * answered), and answers each on {@code kafleet.query-reply.<cluster>}, keyed by the query id.
 */
public final class QueryService implements AgentService {

  private static final Logger LOG = LoggerFactory.getLogger(QueryService.class);

  private final String cluster;
  private final String requestTopic;
  private final String replyTopic;
  private final Consumer<String, Object> consumer;
  private final Producer<String, AgentQueryReply> producer;
  private final QueryAnswerer answerer;
  private final QuerySettings settings;
  private final java.util.function.Consumer<RecordSkipped> onSkip;
  private final Clock clock;
  private final Thread thread;
  private final CountDownLatch assigned = new CountDownLatch(1);
  private volatile boolean running = true;

  /**
   * @param kafkaConfig the agent's client settings: bootstrap servers, security, {@code
   *     schema.registry.url}; the service adds its group, serdes and offsets policy
   * @param onSkip reports a record of the query topic that is not a query (it is skipped)
   */
  public QueryService(
      String cluster,
      Topics topics,
      Map<String, Object> kafkaConfig,
      KubernetesClient client,
      QuerySettings settings,
      java.util.function.Consumer<RecordSkipped> onSkip) {
    this.cluster = cluster;
    this.onSkip = onSkip;
    this.requestTopic = topics.query(cluster);
    this.replyTopic = topics.queryReply(cluster);
    this.settings = settings;
    this.clock = Clock.systemUTC();
    this.answerer = new QueryAnswerer(cluster, client, settings, clock);
    this.consumer = new KafkaConsumer<>(consumerConfig(cluster, requestTopic, kafkaConfig));
    this.producer = new KafkaProducer<>(producerConfig(cluster, kafkaConfig));
    this.thread = new Thread(this::run, "kafleet-query-" + cluster);
    this.thread.setDaemon(true);
  }

  /** The consumer group of the agent of the cluster, one per cluster. */
  public static String groupId(String cluster) {
    return AgentGroups.queries(cluster);
  }

  /** Binds its Kafka clients' meters ({@code kafka_consumer_*}, {@code kafka_producer_*}). */
  public QueryService boundTo(AgentMetrics metrics) {
    metrics.bound(consumer, "queries");
    metrics.bound(producer, "query-replies");
    return this;
  }

  public void start() {
    thread.start();
  }

  /**
   * Waits until the service has its partitions and knows where it starts reading: a query sent
   * after that is answered.
   */
  public boolean awaitAssignment(Duration timeout) throws InterruptedException {
    return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Ready once it has its partitions, until its thread stops. */
  @Override
  public boolean ready() {
    return assigned.getCount() == 0 && thread.isAlive();
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }

  private void run() {
    try {
      consumer.subscribe(List.of(requestTopic), new PositionOnAssignment());
      while (running) {
        poll();
      }
    } catch (WakeupException e) {
      // close() asked us to stop.
    } catch (RuntimeException e) {
      LOG.error("query service of {} stopped", cluster, e);
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private void poll() {
    try {
      for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(500))) {
        Optional<String> poison = PoisonRecords.problem(record.value(), AgentQuery.class);
        if (poison.isPresent()) {
          skip(record, poison.get());
        } else {
          handle((AgentQuery) record.value());
        }
      }
    } catch (RecordDeserializationException e) {
      // Not poison (that reads as Unreadable): the registry may be back at the next poll.
      LOG.warn("cannot read a query on {} yet: {}", e.topicPartition(), e.getMessage());
    }
  }

  /** Not a query: nobody can be answered, so skip it, say so, and go on serving. */
  private void skip(ConsumerRecord<String, Object> record, String reason) {
    RecordSkipped skipped =
        PoisonRecords.skipped(
            SkipReports.consumer(cluster),
            record.topic(),
            record.partition(),
            record.offset(),
            record.key(),
            reason,
            clock.instant());
    LOG.error(PoisonRecords.describe(skipped));
    onSkip.accept(skipped);
  }

  private void handle(AgentQuery query) {
    if (query == null) {
      return;
    }
    Instant now = clock.instant();
    if (query.getRequestedAt() != null
        && query.getRequestedAt().plus(settings.maxAge()).isBefore(now)) {
      LOG.info(
          "not answering query {}: asked at {}, too long ago",
          query.getQueryId(),
          query.getRequestedAt());
      return;
    }
    AgentQueryReply reply = answerer.answer(query);
    producer.send(
        new ProducerRecord<>(replyTopic, query.getQueryId(), reply),
        (metadata, error) -> {
          if (error != null) {
            LOG.warn("reply to query {} not sent: {}", query.getQueryId(), error.toString());
          }
        });
  }

  private static Map<String, Object> consumerConfig(
      String cluster, String requestTopic, Map<String, Object> base) {
    Map<String, Object> config = new HashMap<>(base);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(cluster));
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId(cluster));
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    // A restarted agent is ready once it has its partitions: a static member gets them at once.
    KafkaClients.staticMember(config, requestTopic);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, PoisonTolerantDeserializer.class);
    return config;
  }

  private static Map<String, Object> producerConfig(String cluster, Map<String, Object> base) {
    Map<String, Object> config = new HashMap<>(base);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "kafleet-agent-query-reply-" + cluster);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafleetAvroSerializer.class);
    return config;
  }

  /**
   * Resolves the start position as soon as partitions arrive, so that "latest" means the end at
   * assignment, not at some later fetch.
   */
  private final class PositionOnAssignment implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      for (TopicPartition partition : partitions) {
        consumer.position(partition);
      }
      assigned.countDown();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}
  }
}
