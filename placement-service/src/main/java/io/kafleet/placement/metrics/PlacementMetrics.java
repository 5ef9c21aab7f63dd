package io.kafleet.placement.metrics;

import io.kafleet.events.Health;
import io.kafleet.events.TemplateStatusChanged;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import io.kafleet.placement.clusters.ClusterRegistry;
import io.kafleet.placement.clusters.ClusterStatus;
import io.kafleet.placement.clusters.MemberCluster;
import io.kafleet.placement.core.Intent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * placement-service's own metrics ({@code kafleet_placement_*}, listed in docs/operations.md): told
 * of what the service did (a decision written, reports read, an apply answered), and gauges over
 * state the service keeps anyway (the cluster registry, the status consumer's lag). Counting is all
 * it does when told: no I/O, no lock of the fleet's.
 */
@Component
public class PlacementMetrics {

  static final String WORKS_WRITTEN = "kafleet.placement.works.written";
  static final String WORK_OUTCOMES = "kafleet.placement.work.outcomes";
  static final String APPLY_DURATION = "kafleet.placement.apply.duration";
  static final String DECISIONS = "kafleet.placement.decisions";
  static final String STATUS_LAG = "kafleet.placement.status.consumer.lag";
  static final String HEARTBEAT_AGE = "kafleet.placement.cluster.heartbeat.age";
  static final String CLUSTERS = "kafleet.placement.clusters";
  static final String TEMPLATES = "kafleet.placement.templates";

  private final MeterRegistry registry;
  private final ClusterRegistry clusters;
  private final StatusConsumerLag statusLag;
  private final Clock clock;
  private final Counter decisions;
  private final Timer acceptedApplies;
  private final Timer rejectedApplies;
  private final MultiGauge heartbeatAges;
  private final MultiGauge statusLags;
  // The health each template's last published status gave it, while this instance leads.
  private final Map<String, Health> templateHealth = new ConcurrentHashMap<>();

  public PlacementMetrics(
      MeterRegistry registry, ClusterRegistry clusters, StatusConsumerLag statusLag, Clock clock) {
    this.registry = registry;
    this.clusters = clusters;
    this.statusLag = statusLag;
    this.clock = clock;
    this.decisions =
        Counter.builder(DECISIONS)
            .description("decisions committed, one Kafka transaction each")
            .register(registry);
    this.acceptedApplies = applyTimer("accepted");
    this.rejectedApplies = applyTimer("rejected");
    this.heartbeatAges =
        MultiGauge.builder(HEARTBEAT_AGE)
            .baseUnit("seconds")
            .description("seconds since the cluster's last heartbeat")
            .register(registry);
    this.statusLags =
        MultiGauge.builder(STATUS_LAG)
            .baseUnit("records")
            .description("records not yet read on each status topic")
            .register(registry);
    for (String readiness : List.of(READY, NOT_READY, PENDING)) {
      Gauge.builder(CLUSTERS, clusters, registered -> count(registered.list(), readiness))
          .description("member clusters in each readiness")
          .tag("readiness", readiness)
          .register(registry);
    }
    for (Health health : Health.values()) {
      Gauge.builder(TEMPLATES, templateHealth, known -> count(known, health))
          .description("templates in each aggregated health, on the leading instance")
          .tag("health", health.name())
          .register(registry);
    }
  }

  static final String READY = "Ready";
  static final String NOT_READY = "NotReady";
  static final String PENDING = "Pending";

  /** Ready, NotReady, or Pending (not accepted by an operator yet: it gets no works). */
  static String readinessOf(ClusterStatus cluster) {
    if (!cluster.accepted()) {
      return PENDING;
    }
    return cluster.ready() ? READY : NOT_READY;
  }

  /** Answers one apply request; its duration is counted as accepted unless it throws. */
  public <T> T timeApply(Supplier<T> apply) {
    Timer.Sample sample = Timer.start(registry);
    boolean accepted = false;
    try {
      T answer = apply.get();
      accepted = true;
      return answer;
    } finally {
      sample.stop(accepted ? acceptedApplies : rejectedApplies);
    }
  }

  /** A decision's intents were committed, in one transaction. */
  public void decisionWritten(List<Intent> intents) {
    decisions.increment();
    for (Intent intent : intents) {
      if (intent instanceof Intent.PutWork put) {
        worksWritten(put.work().cluster(), "apply").increment();
      } else if (intent instanceof Intent.RemoveWork remove) {
        worksWritten(remove.id().cluster(), "delete").increment();
      } else if (intent instanceof Intent.Publish publish
          && publish.payload() instanceof TemplateStatusChanged status) {
        templateHealth.put(status.getObjectKey(), status.getHealth());
      } else if (intent instanceof Intent.Forget forget && forget.template()) {
        templateHealth.remove(forget.key().toString());
      }
    }
  }

  /** This instance stopped leading: the templates' health is the next leader's to report. */
  public void termEnded() {
    templateHealth.clear();
  }

  /** An agent's report on a work, new to this instance. */
  public void reported(WorkStatus report) {
    workOutcomes(report.getCluster(), report.getPhase().name()).increment();
  }

  /** Binds a Kafka client's own metrics ({@code kafka_producer_*}); close the result with it. */
  public KafkaClientMetrics bind(Producer<?, ?> producer, String name) {
    KafkaClientMetrics metrics = new KafkaClientMetrics(producer, clientTags(name));
    metrics.bindTo(registry);
    return metrics;
  }

  /** Binds a Kafka client's own metrics ({@code kafka_consumer_*}); close the result with it. */
  public KafkaClientMetrics bind(Consumer<?, ?> consumer, String name) {
    KafkaClientMetrics metrics = new KafkaClientMetrics(consumer, clientTags(name));
    metrics.bindTo(registry);
    return metrics;
  }

  /**
   * Brings the per-cluster and per-topic series up to the clusters and status topics known now:
   * every known cluster gets its counters (at 0 until something happens) and its heartbeat age; a
   * cluster or topic that is gone loses its gauge.
   */
  @Scheduled(
      fixedDelayString = "${kafleet.metrics.refresh-interval:5s}",
      initialDelayString = "${kafleet.metrics.refresh-interval:5s}")
  public void refresh() {
    List<ClusterStatus> known = clusters.list();
    for (ClusterStatus cluster : known) {
      worksWritten(cluster.name(), "apply");
      worksWritten(cluster.name(), "delete");
      for (WorkPhase phase : WorkPhase.values()) {
        workOutcomes(cluster.name(), phase.name());
      }
    }
    heartbeatAges.register(
        known.stream()
            .filter(cluster -> cluster.lastHeartbeat() != null)
            .map(
                cluster ->
                    MultiGauge.Row.of(
                        Tags.of("cluster", cluster.name()),
                        clusters,
                        registered -> heartbeatAge(registered, cluster.name())))
            .toList(),
        true);
    statusLags.register(
        statusLag.byTopic().entrySet().stream()
            .map(lag -> MultiGauge.Row.of(Tags.of("topic", lag.getKey()), lag.getValue()))
            .toList(),
        true);
  }

  private double heartbeatAge(ClusterRegistry registered, String cluster) {
    return registered
        .get(cluster)
        .map(ClusterStatus::lastHeartbeat)
        .map(MemberCluster::lastHeartbeat)
        .map(last -> Duration.between(last, clock.instant()).toMillis() / 1000.0)
        .orElse(Double.NaN);
  }

  private Counter worksWritten(String cluster, String operation) {
    return Counter.builder(WORKS_WRITTEN)
        .description("works committed to a cluster's execution space")
        .tag("cluster", cluster)
        .tag("operation", operation)
        .register(registry);
  }

  private Counter workOutcomes(String cluster, String outcome) {
    return Counter.builder(WORK_OUTCOMES)
        .description("outcomes the agents reported for works")
        .tag("cluster", cluster)
        .tag("outcome", outcome)
        .register(registry);
  }

  private Timer applyTimer(String result) {
    return Timer.builder(APPLY_DURATION)
        .description("one apply call, from the request read to the answer")
        .tag("result", result)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(1))
        .register(registry);
  }

  /** The tags spring-kafka gives the binder's clients, so that every client's series match. */
  private static Iterable<Tag> clientTags(String name) {
    return Tags.of("spring.id", "placement-service." + name);
  }

  static long count(List<ClusterStatus> known, String readiness) {
    return known.stream().filter(cluster -> readinessOf(cluster).equals(readiness)).count();
  }

  private static long count(Map<String, Health> known, Health health) {
    return known.values().stream().filter(health::equals).count();
  }
}
