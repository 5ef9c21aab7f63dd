package io.kafleet.traffic.kafka;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.RolloutRequested;
import io.kafleet.events.TrafficShiftRequested;
import io.kafleet.schemas.KafkaTopics;
import io.kafleet.serde.PoisonRecords;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * traffic-service's start: creates the topics it writes, rebuilds its books from them (rollout
 * requests, then events, then shift commands), reads the fleet's topics to the end, and only then
 * lets the bindings ({@link FleetBindings}) and the web server start: it runs in an earlier
 * lifecycle phase than both. A plain consumer does these reads because they must know where "the
 * end at start-up" is, which a binding cannot say; the events and shift topics are read at start
 * only, since traffic-service is their one writer and takes what it writes into its books as it
 * writes it. Afterwards it looks at waiting shifts every {@code evaluate-interval}, for timeouts.
 */
final class TrafficStartup implements SmartLifecycle {

  /** Before the bindings ({@code Integer.MAX_VALUE - 3000}) and the web server. */
  static final int PHASE = Integer.MAX_VALUE - 4000;

  private static final Logger log = LoggerFactory.getLogger(TrafficStartup.class);

  private final TrafficSettings settings;
  private final Traffic traffic;
  private final ReadPositions positions;
  private final Pattern fleetTopics;
  private ScheduledExecutorService timer;

  /**
   * @param fleetTopics the topics {@code fleetWorks} and {@code fleetStatus} follow, both patterns
   *     together
   */
  TrafficStartup(
      TrafficSettings settings, Traffic traffic, ReadPositions positions, Pattern fleetTopics) {
    this.settings = settings;
    this.traffic = traffic;
    this.positions = positions;
    this.fleetTopics = fleetTopics;
  }

  @Override
  public synchronized void start() {
    TrafficTopics.create(settings);
    StartupRead.read(
        settings.reader(),
        Pattern.compile(Pattern.quote(settings.topics().rolloutRequests())),
        positions,
        batch ->
            batch.forEach(
                record ->
                    PoisonRecords.problem(record.value(), RolloutRequested.class)
                        .ifPresentOrElse(
                            reason ->
                                traffic.skipped(
                                    PoisonRecords.skipped(
                                        TrafficPublisher.SOURCE,
                                        record.topic(),
                                        record.partition(),
                                        record.offset(),
                                        record.key(),
                                        reason,
                                        Instant.now())),
                            () -> {
                              if (record.value() instanceof RolloutRequested request) {
                                traffic.restoreRequest(request);
                              }
                            })));
    KafkaTopics.readToEnd(
        settings.reader(),
        List.of(settings.topics().trafficEvents()),
        FleetEvent.class,
        TrafficPublisher.SOURCE,
        (topic, key, value) -> {
          if (value instanceof FleetEvent event) {
            traffic.restoreEvent(event);
          }
        },
        traffic::skipped);
    KafkaTopics.readToEnd(
        settings.reader(),
        List.of(settings.topics().trafficShifts()),
        TrafficShiftRequested.class,
        TrafficPublisher.SOURCE,
        (topic, key, value) -> {
          if (value instanceof TrafficShiftRequested shift) {
            traffic.restoreShift(key, shift);
          }
        },
        traffic::skipped);
    StartupRead.read(settings.reader(), fleetTopics, positions, traffic::onFleet);
    traffic.markReady();
    timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "kafleet-traffic-timeouts");
              thread.setDaemon(true);
              return thread;
            });
    long every = settings.evaluateInterval().toMillis();
    timer.scheduleWithFixedDelay(this::evaluate, every, every, TimeUnit.MILLISECONDS);
  }

  private void evaluate() {
    try {
      traffic.evaluate();
    } catch (RuntimeException e) {
      log.error("evaluating shifts failed", e);
    }
  }

  @Override
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return timer != null;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
