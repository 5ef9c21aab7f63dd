package io.kafleet.agent.metrics;

import io.kafleet.events.WorkPhase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;

/**
 * The agent's meters, served in Prometheus text format on the health port ({@code /metrics}). The
 * names and labels are the contract of docs/operations.md ("Health and metrics"); every series
 * carries the tag {@code cluster}. One instance per agent process: it outlives the restarts of the
 * agent's services with a new Kafka login, whose clients are bound anew each time.
 *
 * <p>For each kind the agent applies, every apply outcome, prune and drift correction series is
 * registered at 0 when the kind is first seen, so that the series exist before their first event.
 */
public final class AgentMetrics implements AutoCloseable {

  /** The Prometheus name of each of the agent's own series (counters with their _total). */
  public static final List<String> NAMES =
      List.of(
          "kafleet_agent_applies_total",
          "kafleet_agent_apply_duration_seconds",
          "kafleet_agent_works_pending",
          "kafleet_agent_committed_offset",
          "kafleet_agent_drift_corrections_total",
          "kafleet_agent_prunes_total",
          "kafleet_agent_heartbeats_sent_total");

  /** The outcomes an apply can have (a removal is a prune, counted apart). */
  static final List<WorkPhase> APPLY_OUTCOMES =
      List.of(WorkPhase.Applied, WorkPhase.Failed, WorkPhase.Conflict);

  /** The tag that tells the agent's Kafka clients apart. */
  public static final String CLIENT_ROLE = "client.role";

  private static final String APPLIES = "kafleet.agent.applies";
  private static final String APPLY_DURATION = "kafleet.agent.apply.duration";
  private static final String DRIFT_CORRECTIONS = "kafleet.agent.drift.corrections";
  private static final String PRUNES = "kafleet.agent.prunes";

  private final PrometheusMeterRegistry registry;
  private final List<AutoCloseable> jvmBinders;
  private final Counter heartbeatsSent;
  private final AtomicInteger worksPending;
  private final Map<TopicPartition, AtomicLong> committedOffsets = new ConcurrentHashMap<>();
  private final Map<String, Boolean> kindsSeen = new ConcurrentHashMap<>();
  private final List<KafkaClientMetrics> kafkaClients = new ArrayList<>();

  /** One thread refreshes every Kafka client's meters, rather than one thread per client. */
  private final ScheduledExecutorService kafkaRefresh;

  private AgentMetrics(
      PrometheusMeterRegistry registry,
      List<AutoCloseable> jvmBinders,
      Counter heartbeatsSent,
      AtomicInteger worksPending,
      ScheduledExecutorService kafkaRefresh) {
    this.kafkaRefresh = kafkaRefresh;
    this.registry = registry;
    this.jvmBinders = jvmBinders;
    this.heartbeatsSent = heartbeatsSent;
    this.worksPending = worksPending;
  }

  /** A registry for the agent of this cluster, with the JVM's and the process's meters bound. */
  public static AgentMetrics create(String cluster) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("cluster", cluster);
    JvmGcMetrics gc = new JvmGcMetrics();
    List<MeterBinder> binders =
        List.of(
            new JvmMemoryMetrics(),
            gc,
            new JvmThreadMetrics(),
            new ClassLoaderMetrics(),
            new ProcessorMetrics());
    binders.forEach(binder -> binder.bindTo(registry));
    Counter heartbeats =
        Counter.builder("kafleet.agent.heartbeats.sent")
            .description("heartbeats published")
            .register(registry);
    AtomicInteger pending = new AtomicInteger();
    Gauge.builder("kafleet.agent.works.pending", pending, AtomicInteger::get)
        .description("works read and not yet applied")
        .register(registry);
    ScheduledExecutorService kafkaRefresh =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "kafleet-kafka-meters");
              thread.setDaemon(true);
              return thread;
            });
    return new AgentMetrics(registry, List.of(gc), heartbeats, pending, kafkaRefresh);
  }

  /** Counts one apply of an object of this kind, and how long the API call took. */
  public void applied(String kind, WorkPhase outcome, Duration took) {
    seen(kind);
    applies(kind, outcome).increment();
    applyDuration(kind).record(took);
  }

  /** Counts one object of this kind that was changed in the member and set back. */
  public void corrected(String kind) {
    seen(kind);
    driftCorrections(kind).increment();
  }

  /** Counts one object of this kind deleted because its work was removed. */
  public void pruned(String kind) {
    seen(kind);
    prunes(kind).increment();
  }

  public void heartbeatSent() {
    heartbeatsSent.increment();
  }

  /**
   * Works read and handed over to be applied, pending until each is {@link Pending#done} or the
   * handle is closed (a batch cut short counts as pending no more).
   */
  public Pending pending(int works) {
    worksPending.addAndGet(works);
    return new Pending(worksPending, works);
  }

  /** Works of one batch still pending; used by one thread. */
  public static final class Pending implements AutoCloseable {

    private final AtomicInteger gauge;
    private int left;

    private Pending(AtomicInteger gauge, int left) {
      this.gauge = gauge;
      this.left = left;
    }

    /** One work of the batch has had its apply, whatever the outcome. */
    public void done() {
      if (left > 0) {
        left--;
        gauge.decrementAndGet();
      }
    }

    @Override
    public void close() {
      gauge.addAndGet(-left);
      left = 0;
    }
  }

  /** The offsets just committed, per partition: the next offset to read. */
  public void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach(
        (partition, offset) ->
            committedOffsets
                .computeIfAbsent(partition, this::committedOffsetGauge)
                .set(offset.offset()));
  }

  /**
   * Binds the client's own metrics ({@code kafka_consumer_*}) until {@link #unbindKafka}, tagged
   * {@value #CLIENT_ROLE}: the agent's clients share one client id.
   */
  public <C extends Consumer<?, ?>> C bound(C consumer, String role) {
    return bind(
        new KafkaClientMetrics(consumer, Tags.of(CLIENT_ROLE, role), kafkaRefresh), consumer);
  }

  /** Binds the client's own metrics ({@code kafka_producer_*}); see the consumer's. */
  public <P extends Producer<?, ?>> P bound(P producer, String role) {
    return bind(
        new KafkaClientMetrics(producer, Tags.of(CLIENT_ROLE, role), kafkaRefresh), producer);
  }

  /** Removes the meters of the Kafka clients bound so far: they are being closed. */
  public void unbindKafka() {
    List<KafkaClientMetrics> bound;
    synchronized (kafkaClients) {
      bound = List.copyOf(kafkaClients);
      kafkaClients.clear();
    }
    bound.forEach(KafkaClientMetrics::close);
  }

  /** Every meter in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }

  /** The media type of {@link #scrape()}: the Prometheus text format, version 0.0.4. */
  public static String contentType() {
    return "text/plain; version=0.0.4; charset=utf-8";
  }

  /** The registry, for meters a caller adds. */
  public MeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    unbindKafka();
    kafkaRefresh.shutdownNow();
    for (AutoCloseable binder : jvmBinders) {
      try {
        binder.close();
      } catch (Exception e) {
        // Listeners of a JVM that is stopping: nothing left to release.
      }
    }
    registry.close();
  }

  private <T> T bind(KafkaClientMetrics metrics, T client) {
    metrics.bindTo(registry);
    synchronized (kafkaClients) {
      kafkaClients.add(metrics);
    }
    return client;
  }

  private void seen(String kind) {
    if (kindsSeen.putIfAbsent(kind, Boolean.TRUE) == null) {
      APPLY_OUTCOMES.forEach(outcome -> applies(kind, outcome));
      applyDuration(kind);
      driftCorrections(kind);
      prunes(kind);
    }
  }

  private Counter applies(String kind, WorkPhase outcome) {
    return Counter.builder(APPLIES)
        .description("applies by the agent")
        .tag("outcome", outcome.name())
        .tag("kind", kind)
        .register(registry);
  }

  private Counter driftCorrections(String kind) {
    return Counter.builder(DRIFT_CORRECTIONS)
        .description("objects changed in the member and set back")
        .tag("kind", kind)
        .register(registry);
  }

  private Counter prunes(String kind) {
    return Counter.builder(PRUNES)
        .description("objects deleted because their work was removed")
        .tag("kind", kind)
        .register(registry);
  }

  private Timer applyDuration(String kind) {
    return Timer.builder(APPLY_DURATION)
        .description("one server-side apply, request to answer")
        .tag("kind", kind)
        .publishPercentileHistogram()
        .register(registry);
  }

  private AtomicLong committedOffsetGauge(TopicPartition partition) {
    AtomicLong offset = new AtomicLong(-1);
    Gauge.builder("kafleet.agent.committed.offset", offset, AtomicLong::get)
        .description("the last offset the agent committed")
        .tag("topic", partition.topic())
        .tag("partition", String.valueOf(partition.partition()))
        .register(registry);
    return offset;
  }
}
