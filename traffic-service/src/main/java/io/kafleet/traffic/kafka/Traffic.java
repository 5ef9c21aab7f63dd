package io.kafleet.traffic.kafka;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.RecordSkipped;
import io.kafleet.events.RolloutRequested;
import io.kafleet.events.TrafficShiftRequested;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.schemas.Topics;
import io.kafleet.serde.PoisonRecords;
import io.kafleet.traffic.fleet.FleetView;
import io.kafleet.traffic.rollouts.RolloutBook;
import io.kafleet.traffic.rollouts.RolloutDecision;
import io.kafleet.traffic.shifts.ShiftRequest;
import io.kafleet.traffic.shifts.TrackedShift;
import io.kafleet.traffic.shifts.VirtualServiceView;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where traffic-service's concerns meet: the fleet view (fed by {@link FleetBindings}), the shifts
 * ({@link ShiftDesk}) and the rollouts ({@link RolloutRunner}). They stay separate classes, but one
 * decision reads several of them (a rollout step waits on its shift's outcome and on its canary's
 * health in the fleet view; a shift is validated against the fleet view), so they change under this
 * object's one lock, and every method here is one such step. State is what Kafka has: every step's
 * writes are committed as one transaction before the lock is released, and a step whose commit
 * fails ends this object's term ({@link TrafficLeadership}). One object serves one term of leading:
 * once {@link #retire retired} it writes nothing more.
 */
public final class Traffic {

  private static final Logger log = LoggerFactory.getLogger(Traffic.class);

  private final Topics topics;
  private final FleetView fleet;
  private final ShiftDesk shifts;
  private final RolloutRunner rollouts;
  private final TrafficPublisher publisher;
  private final SkipReports skips;
  private final Clock clock;
  private boolean ready;
  private boolean retired;

  Traffic(
      Topics topics,
      FleetView fleet,
      ShiftDesk shifts,
      RolloutRunner rollouts,
      TrafficPublisher publisher,
      SkipReports skips,
      Clock clock) {
    this.topics = topics;
    this.fleet = fleet;
    this.shifts = shifts;
    this.rollouts = rollouts;
    this.publisher = publisher;
    this.skips = skips;
    this.clock = clock;
  }

  /** A published shift: its id and the clusters expected to converge. */
  public record Accepted(String shiftId, List<String> targets) {}

  /** True once the fleet view holds what the topics held at start-up. */
  public synchronized boolean ready() {
    return ready;
  }

  synchronized void markReady() {
    ready = true;
    log.info("fleet view read to the end; following shifts");
  }

  /** The term has ended: no decision from now on; a step in progress has finished. */
  synchronized void retire() {
    retired = true;
  }

  // Start-up: the books are rebuilt from traffic-service's own topics.

  synchronized void restoreRequest(FleetRecord record) {
    rolloutRequest(record).ifPresent(rollouts::requested);
  }

  synchronized void restoreEvent(FleetEvent event) {
    shifts.restore(event);
    rollouts.restore(event);
  }

  synchronized void restoreShift(String key, TrafficShiftRequested command) {
    shifts.restore(ObjectKey.parse(key), command);
  }

  // Streaming: the fleet's topics and the rollout requests.

  /** Records of the fleet's topics, in their order; decisions wait until start-up is done. */
  synchronized void onFleet(List<FleetRecord> records) {
    if (retired) {
      return;
    }
    for (FleetRecord record : records) {
      Optional<String> poison =
          PoisonRecords.problem(record.value(), FleetRecords.valueType(topics, record.topic()));
      if (poison.isPresent()) {
        skips.skipped(record, poison.get());
        continue;
      }
      try {
        shifts.register(FleetRecords.take(fleet, topics, record));
      } catch (RuntimeException e) {
        log.warn(
            "ignored {} at {}-{}@{}: {}",
            record.key(),
            record.topic(),
            record.partition(),
            record.offset(),
            e.toString());
      }
    }
    evaluate();
  }

  /** A record of the requests topic: the API's own request, or a CI pipeline's. */
  synchronized void onRolloutRequest(FleetRecord record) {
    if (retired) {
      return;
    }
    rolloutRequest(record).ifPresent(rollouts::requested);
    evaluate();
  }

  /** A record of traffic-service's own topics that its start-up read could not take. */
  synchronized void skipped(RecordSkipped skipped) {
    skips.skipped(skipped);
  }

  // The API.

  /**
   * Validates the request against the fleet and publishes it as {@code TrafficShiftRequested}.
   *
   * @return the accepted plan and the new shift's id, or the rejection (nothing published)
   */
  public synchronized Accepted request(ShiftRequest request) {
    requireReady();
    try {
      Accepted accepted = shifts.publish(request);
      decide();
      return accepted;
    } finally {
      publisher.commit();
    }
  }

  public synchronized Optional<TrackedShift> shift(String id) {
    return shifts.find(id);
  }

  public synchronized List<TrackedShift> history(ObjectKey virtualService) {
    return shifts.history(virtualService);
  }

  public synchronized boolean knows(ObjectKey key) {
    return fleet.template(key).isPresent();
  }

  /** Every VirtualService template, by namespace then name, with its routes and last shift. */
  public synchronized List<VirtualServiceView> virtualServices() {
    return fleet.virtualServices().stream().map(this::virtualServiceView).toList();
  }

  /** The VirtualService template {@code key}, with its routes and last shift; empty if none. */
  public synchronized Optional<VirtualServiceView> virtualService(ObjectKey key) {
    return fleet.template(key).map(template -> virtualServiceView(key));
  }

  /** Starts a rollout asked through the API: 400 for bad input, 409 for a known id. */
  public synchronized String startRollout(RolloutRequested request) {
    requireReady();
    try {
      String id = rollouts.startFromApi(request, clock.instant());
      decide();
      return id;
    } finally {
      publisher.commit();
    }
  }

  /** Promotes, pauses, resumes or aborts a rollout; 404 unknown, 409 when it does not fit. */
  public synchronized void rolloutCommand(
      String id, Function<RolloutBook.Tracked, RolloutDecision> command) {
    requireReady();
    try {
      rollouts.command(id, command, clock.instant());
      decide();
    } finally {
      publisher.commit();
    }
  }

  public synchronized Optional<RolloutBook.Tracked> rollout(String id) {
    return rollouts.find(id);
  }

  /** Every rollout known, newest first. */
  public synchronized List<RolloutBook.Tracked> rollouts() {
    return rollouts.all();
  }

  /** The rollouts started and not ended. */
  synchronized int activeRollouts() {
    return rollouts.active();
  }

  /** What is due now, as one step: shift transitions (timeouts included), then rollout steps. */
  synchronized void evaluate() {
    if (retired) {
      return;
    }
    try {
      decide();
    } finally {
      publisher.commit();
    }
  }

  /**
   * Publishes what is due now into the current transaction. Whatever was sent stays sent even when
   * something later throws: the books hold it already, so the caller commits in any case.
   */
  private void decide() {
    if (!ready) {
      return;
    }
    Instant now = clock.instant();
    skips.publishPending();
    shifts.evaluate(now);
    rollouts.run(now);
  }

  private VirtualServiceView virtualServiceView(ObjectKey key) {
    return VirtualServiceView.of(key, fleet, shifts.history(key));
  }

  /** The request a record holds; a poison record is reported as skipped instead. */
  private Optional<RolloutRequested> rolloutRequest(FleetRecord record) {
    Optional<String> poison = PoisonRecords.problem(record.value(), RolloutRequested.class);
    if (poison.isPresent()) {
      skips.skipped(record, poison.get());
      return Optional.empty();
    }
    return record.value() instanceof RolloutRequested request
        ? Optional.of(request)
        : Optional.empty();
  }

  private void requireReady() {
    if (retired) {
      throw new NotLeaderException();
    }
    if (!ready) {
      throw new NotReadyException();
    }
  }
}
