package io.kafleet.placement.kafka;

import io.kafleet.kafka.election.LeaderElection;
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
import io.kafleet.placement.metrics.PlacementMetrics;
import io.kafleet.placement.status.WorkStatusBoard;
import io.kafleet.placement.works.SecretSealing;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Elects the one instance that writes ({@link LeaderElection}): every instance joins one consumer
 * group on a one-partition topic, and the instance holding the partition leads. The leader rebuilds
 * the state from the topics and serves the fleet API; the others stand by (503) and take over when
 * it leaves or falls silent. The shared transactional id fences a former leader that has not
 * noticed yet, so two instances never both write.
 */
public final class Leadership implements SmartLifecycle, LeaderElection.Term {

  private static final Logger log = LoggerFactory.getLogger(Leadership.class);

  private final KafkaSettings settings;
  private final ClusterRegistry clusters;
  private final WorkStatusBoard reports;
  private final Clock clock;
  private final Duration sessionTimeout;
  private final Duration evictionGracePeriod;
  private final SecretSealing sealing;
  private final TemplateSealing templateSealing;
  private final PlacementMetrics metrics;
  private final AtomicReference<Term> term = new AtomicReference<>();
  private volatile LeaderElection election;

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
      PlacementMetrics metrics,
      Clock clock,
      Duration sessionTimeout,
      Duration evictionGracePeriod) {
    this.settings = settings;
    this.metrics = metrics;
    this.sealing = sealing;
    this.templateSealing = templateSealing;
    this.clusters = clusters;
    this.reports = reports;
    this.clock = clock;
    this.sessionTimeout = sessionTimeout;
    this.evictionGracePeriod = evictionGracePeriod;
  }

  /** The fleet's handlers, when this instance leads. */
  public Optional<LeaderTerm> term() {
    return Optional.ofNullable(term.get()).map(Term::handlers);
  }

  /** The fleet's handlers, or a 503 for the caller when this instance stands by. */
  public LeaderTerm leading() {
    return term().orElseThrow(NotLeaderException::new);
  }

  /**
   * Where this instance stands in the election, for its readiness: whether it knows the leader,
   * leads, and (when it leads) has read the topics its term rebuilds the fleet from.
   */
  public ElectionStanding standing() {
    LeaderElection running = election;
    return new ElectionStanding(
        running != null && running.leaderKnown(),
        running != null && running.leading(),
        term.get() != null);
  }

  /**
   * Joins the election and waits for its first outcome, so that the service serves as leader or
   * standby once started. Without Kafka the service starts all the same (not ready) and the
   * election joins as soon as Kafka answers ({@link LeaderElection}).
   */
  @Override
  public void start() {
    LeaderElection started =
        new LeaderElection(
            "placement",
            settings.topics().placementLeader(),
            settings.admin(),
            sessionTimeout,
            () -> FleetTopics.create(settings, List.of(settings.topics().placementLeader())),
            this);
    election = started;
    started.start();
  }

  @Override
  public void stop() {
    LeaderElection running = election;
    if (running != null) {
      running.stop();
    }
  }

  @Override
  public boolean isRunning() {
    LeaderElection running = election;
    return running != null && running.isRunning();
  }

  @Override
  public void lead() {
    FleetModel model =
        new FleetModel(
            TemplateRenderer.DESIRED_WORKS,
            sealing,
            reports::reportsOn,
            clock,
            evictionGracePeriod);
    FleetLoader.Loaded loaded = FleetLoader.load(settings, model, clusters, templateSealing);
    KafkaDecisionWriter writer =
        KafkaDecisionWriter.open(settings, clock, loaded.spaces(), metrics);
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
              ShiftFollower.start(settings, shifts, skips, metrics),
              statusPublisher(statuses)));
      log.info("leading the fleet");
    } catch (RuntimeException e) {
      term.set(null);
      writer.close();
      throw e;
    }
  }

  @Override
  public void stepDown() {
    Term ended = term.getAndSet(null);
    if (ended != null) {
      log.info("no longer leading the fleet");
      metrics.termEnded();
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
}
