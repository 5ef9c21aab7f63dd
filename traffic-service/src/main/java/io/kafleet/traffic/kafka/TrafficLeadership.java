package io.kafleet.traffic.kafka;

import io.kafleet.kafka.election.LeaderElection;
import io.kafleet.schemas.KafkaTopics;
import io.kafleet.traffic.fleet.FleetView;
import io.kafleet.traffic.rollouts.RolloutBook;
import io.kafleet.traffic.shifts.ShiftBook;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Active/standby: every instance joins the election on {@code kafleet.traffic.leader} ({@link
 * LeaderElection}); the leader rebuilds its books from the topics ({@link TrafficStartup}), follows
 * the fleet through the bindings, publishes shifts and rollout steps, and serves the API. The
 * others stand by: their API answers 503, their bindings are stopped, and they publish nothing. A
 * new leader fences the former one through the shared transactional id ({@link TrafficPublisher})
 * before it reads, so it rebuilds from everything the former leader committed and nothing it left
 * half-written. Runs before the bindings and the web server, and waits for the first election.
 */
public final class TrafficLeadership implements SmartLifecycle, LeaderElection.Term {

  /** Before the bindings ({@code Integer.MAX_VALUE - 3000}) and the web server. */
  static final int PHASE = Integer.MAX_VALUE - 4000;

  private static final Logger log = LoggerFactory.getLogger(TrafficLeadership.class);

  private final TrafficSettings settings;
  private final Clock clock;
  private final Pattern fleetTopics;
  private final ConsumerBindings bindings;
  private final TrafficObserver observer;
  private final AtomicReference<Term> term = new AtomicReference<>();
  private volatile LeaderElection election;

  /** What a term of leading holds, to be closed when it ends. */
  record Term(
      Traffic traffic,
      ReadPositions positions,
      TrafficPublisher publisher,
      ScheduledExecutorService timer) {}

  /**
   * @param fleetTopics the topics {@code fleetWorks} and {@code fleetStatus} follow, both patterns
   *     together
   * @param observer told of each term's producer and committed events (the metrics)
   */
  TrafficLeadership(
      TrafficSettings settings,
      Clock clock,
      Pattern fleetTopics,
      ConsumerBindings bindings,
      TrafficObserver observer) {
    this.settings = settings;
    this.clock = clock;
    this.fleetTopics = fleetTopics;
    this.bindings = bindings;
    this.observer = observer;
  }

  /** The current term, when this instance leads. */
  Optional<Term> term() {
    return Optional.ofNullable(term.get());
  }

  /** Whether this instance leads now, its books rebuilt. */
  public boolean isLeading() {
    return term.get() != null;
  }

  /**
   * Whether the election has an outcome this instance took part in (it was elected, or stands by
   * for another instance).
   */
  public boolean leaderKnown() {
    LeaderElection running = election;
    return running != null && running.leaderKnown();
  }

  /**
   * Whether this instance was elected: it may still be rebuilding its books ({@link #isLeading}).
   */
  public boolean elected() {
    LeaderElection running = election;
    return running != null && running.leading();
  }

  /** The rollouts started and not ended, as this term's books say; 0 while standing by. */
  public int activeRollouts() {
    return term().map(current -> current.traffic().activeRollouts()).orElse(0);
  }

  /** The books, or a 503 for the caller when this instance stands by. */
  public Traffic leading() {
    return term().map(Term::traffic).orElseThrow(NotLeaderException::new);
  }

  /**
   * Joins the election and waits for its first outcome, so that the service serves as leader or
   * standby once started. Without Kafka the service starts all the same (not ready) and the
   * election creates the topics and joins as soon as Kafka answers ({@link LeaderElection}).
   */
  @Override
  public void start() {
    LeaderElection started =
        new LeaderElection(
            "traffic",
            settings.topics().trafficLeader(),
            settings.admin(),
            settings.leaderSessionTimeout(),
            this::createTopics,
            this);
    election = started;
    started.start();
  }

  /** The traffic topics, and the election's own one-partition topic. */
  private void createTopics() {
    TrafficTopics.create(settings);
    KafkaTopics.createMissing(
        settings.admin(),
        List.of(
            new NewTopic(
                    settings.topics().trafficLeader(), Optional.of(1), settings.replicationFactor())
                .configs(
                    Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))));
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
  public int getPhase() {
    return PHASE;
  }

  @Override
  public void lead() {
    // Fence first: a step the former leader left open is aborted before this term reads.
    TrafficPublisher publisher = TrafficPublisher.open(settings, election::resign, observer);
    try {
      FleetView fleet = new FleetView();
      ShiftDesk shifts =
          new ShiftDesk(fleet, new ShiftBook(settings.convergenceTimeout()), publisher, clock);
      RolloutRunner rollouts =
          new RolloutRunner(
              fleet,
              shifts,
              new RolloutBook(),
              publisher,
              new PrometheusChecks(settings.prometheus()));
      Traffic traffic =
          new Traffic(
              settings.topics(),
              fleet,
              shifts,
              rollouts,
              publisher,
              new SkipReports(publisher, clock),
              clock);
      ReadPositions positions = new ReadPositions();
      TrafficStartup.rebuild(settings, traffic, positions, fleetTopics);
      term.set(new Term(traffic, positions, publisher, evaluateEvery(traffic)));
      bindings.follow();
    } catch (RuntimeException e) {
      Term started = term.getAndSet(null);
      if (started != null) {
        started.timer().shutdownNow();
      }
      publisher.close();
      throw e;
    }
  }

  @Override
  public void stepDown() {
    Term ended = term.getAndSet(null);
    if (ended == null) {
      return;
    }
    ended.timer().shutdownNow();
    ended.traffic().retire();
    bindings.unfollow();
    ended.publisher().close();
  }

  /** Waiting shifts are looked at every {@code evaluate-interval}, for timeouts and pauses. */
  private ScheduledExecutorService evaluateEvery(Traffic traffic) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "kafleet-traffic-timeouts");
              thread.setDaemon(true);
              return thread;
            });
    long every = settings.evaluateInterval().toMillis();
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            traffic.evaluate();
          } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log, and evaluate next time.
            log.error("evaluating shifts failed", e);
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
    return timer;
  }
}
