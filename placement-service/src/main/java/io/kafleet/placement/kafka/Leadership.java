package io.kafleet.placement.kafka;

import io.kafleet.placement.clusters.ClusterRegistry;
import io.kafleet.placement.core.FleetModel;
import io.kafleet.placement.core.Intent;
import io.kafleet.placement.core.SingleWriter;
import io.kafleet.placement.core.TemplateRenderer;
import io.kafleet.placement.handlers.MembershipHandler;
import io.kafleet.placement.handlers.ShiftsHandler;
import io.kafleet.placement.handlers.SkipsHandler;
import io.kafleet.placement.handlers.StatusHandler;
import io.kafleet.placement.handlers.TemplateSealing;
import io.kafleet.placement.handlers.TemplatesHandler;
import io.kafleet.placement.status.WorkStatusBoard;
import io.kafleet.placement.works.SecretSealing;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Elects the one instance that writes: every instance joins one consumer group on a one-partition
 * topic, and the instance holding the partition leads. The leader rebuilds the state from the
 * topics and serves the fleet API; the others stand by (503) and take over when it leaves or falls
 * silent. The shared transactional id fences a former leader that has not noticed yet, so two
 * instances never both write.
 */
public final class Leadership implements SmartLifecycle, ConsumerRebalanceListener {

  private static final Logger log = LoggerFactory.getLogger(Leadership.class);

  private final KafkaSettings settings;
  private final ClusterRegistry clusters;
  private final WorkStatusBoard reports;
  private final Clock clock;
  private final Duration sessionTimeout;
  private final SecretSealing sealing;
  private final TemplateSealing templateSealing;
  private final AtomicReference<Term> term = new AtomicReference<>();
  private final CountDownLatch firstElection = new CountDownLatch(1);
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile Thread thread;

  /** What a term of leading holds, to be closed when it ends. */
  private record Term(
      LeaderTerm handlers,
      KafkaDecisionWriter writer,
      ShiftFollower shifts,
      ScheduledExecutorService statuses) {}

  public Leadership(
      KafkaSettings settings,
      ClusterRegistry clusters,
      WorkStatusBoard reports,
      SecretSealing sealing,
      TemplateSealing templateSealing,
      Clock clock,
      Duration sessionTimeout) {
    this.settings = settings;
    this.sealing = sealing;
    this.templateSealing = templateSealing;
    this.clusters = clusters;
    this.reports = reports;
    this.clock = clock;
    this.sessionTimeout = sessionTimeout;
  }

  /** The fleet's handlers, when this instance leads. */
  public Optional<LeaderTerm> term() {
    return Optional.ofNullable(term.get()).map(Term::handlers);
  }

  /** The fleet's handlers, or a 503 for the caller when this instance stands by. */
  public LeaderTerm leading() {
    return term().orElseThrow(NotLeaderException::new);
  }

  /** Waits for the first election, so the service serves as leader or standby once started. */
  @Override
  public void start() {
    FleetTopics.create(settings, List.of(settings.topics().placementLeader()));
    consumer = new KafkaConsumer<>(consumerConfig());
    thread = new Thread(this::run, "kafleet-leadership");
    thread.start();
    try {
      if (!firstElection.await(sessionTimeout.multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("no election yet; standing by until one completes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void stop() {
    stopRequested.countDown();
    KafkaConsumer<byte[], byte[]> running = consumer;
    if (running != null) {
      running.wakeup();
      try {
        thread.join(Duration.ofSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return thread != null && thread.isAlive();
  }

  private void run() {
    while (true) {
      try (KafkaConsumer<byte[], byte[]> running = consumer) {
        running.subscribe(List.of(settings.topics().placementLeader()), this);
        while (true) {
          running.poll(Duration.ofSeconds(1));
        }
      } catch (WakeupException stopping) {
        // stop() asked; closing the consumer leaves the group so a standby takes over at once
        stepDown();
        return;
      } catch (RuntimeException e) {
        // Leaving the group hands the lead to another instance; this one rejoins after a pause.
        log.error("leading the fleet failed; rejoining the election shortly", e);
        stepDown();
      }
      try {
        if (stopRequested.await(sessionTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
      consumer = new KafkaConsumer<>(consumerConfig());
    }
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    if (!partitions.isEmpty()) {
      lead();
    }
    firstElection.countDown();
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    if (!partitions.isEmpty()) {
      stepDown();
    }
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    stepDown();
  }

  private void lead() {
    FleetModel model = new FleetModel(TemplateRenderer.DESIRED_WORKS, sealing, reports::reportsOn);
    FleetLoader.Loaded loaded = FleetLoader.load(settings, model, clusters, templateSealing);
    KafkaDecisionWriter writer = KafkaDecisionWriter.open(settings, clock, loaded.spaces());
    try {
      SingleWriter single = new SingleWriter(model, writer);
      MembershipHandler membership = new MembershipHandler(single, clusters, clock);
      TemplatesHandler templates =
          new TemplatesHandler(
              single, membership::check, templateSealing, settings.maxObjectBytes(), clock);
      StatusHandler statuses = new StatusHandler(single);
      ShiftsHandler shifts = new ShiftsHandler(templates);
      SkipsHandler skips = new SkipsHandler(single);
      model.loadMembers(membership.members(), membership.sealingKeys());
      List<Intent> skipEvents = SkipsHandler.intents(loaded.skipped());
      single.decide(
          fleet ->
              loaded.storedComplete()
                  ? fleet.reconcileAll(skipEvents)
                  : fleet.reconcileKeepingUnclaimed(skipEvents));
      term.set(
          new Term(
              new LeaderTerm(templates, shifts, membership, statuses, skips),
              writer,
              ShiftFollower.start(settings, shifts, skips),
              statusPublisher(statuses)));
      log.info("leading the fleet");
    } catch (RuntimeException e) {
      term.set(null);
      writer.close();
      throw e;
    }
  }

  private void stepDown() {
    Term ended = term.getAndSet(null);
    if (ended != null) {
      log.info("no longer leading the fleet");
      ended.shifts().close();
      ended.statuses().shutdownNow();
      publishLastStatuses(ended.handlers().statuses());
      ended.writer().close();
    }
  }

  /**
   * Statuses reported on since the last batch would otherwise wait for the next leader's reload; a
   * fenced writer refuses them, which is right, since the new leader publishes them itself.
   */
  private static void publishLastStatuses(StatusHandler statuses) {
    try {
      statuses.publishReported();
    } catch (RuntimeException e) {
      log.warn("the last template statuses were left to the next leader: {}", e.toString());
    }
  }

  /** Publishes the statuses the agents' reports changed, a batch at a time. */
  private static ScheduledExecutorService statusPublisher(StatusHandler statuses) {
    ScheduledExecutorService publisher =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "kafleet-status-publisher");
              thread.setDaemon(true);
              return thread;
            });
    long interval = StatusHandler.PUBLISH_INTERVAL.toMillis();
    publisher.scheduleWithFixedDelay(
        () -> {
          try {
            statuses.publishReported();
          } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log, and publish next time.
            log.error("publishing template statuses failed; retrying", e);
          }
        },
        interval,
        interval,
        TimeUnit.MILLISECONDS);
    return publisher;
  }

  private Map<String, Object> consumerConfig() {
    Map<String, Object> config = settings.admin();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.topics().placementLeader());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    // Sticky: a new instance joining does not take the lead away from the current leader.
    config.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
    config.put(
        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) sessionTimeout.dividedBy(5).toMillis());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return config;
  }
}
