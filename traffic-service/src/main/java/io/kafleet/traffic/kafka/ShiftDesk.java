package io.kafleet.traffic.kafka;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.ShiftCompleted;
import io.kafleet.events.ShiftProgress;
import io.kafleet.events.TrafficShiftRequested;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.traffic.fleet.FleetView;
import io.kafleet.traffic.fleet.Weights;
import io.kafleet.traffic.logs.LogFields;
import io.kafleet.traffic.shifts.Plan;
import io.kafleet.traffic.shifts.ShiftBook;
import io.kafleet.traffic.shifts.ShiftPlanning;
import io.kafleet.traffic.shifts.ShiftRecord;
import io.kafleet.traffic.shifts.ShiftRequest;
import io.kafleet.traffic.shifts.TrackedShift;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Weight shifts: validates a request against the fleet view, publishes it as {@code
 * TrafficShiftRequested}, and publishes each cluster's progress as {@link ShiftBook} finds it due.
 * Not thread-safe: {@link Traffic} serialises it with the other concerns a decision reads.
 */
final class ShiftDesk {

  private static final Logger log = LoggerFactory.getLogger(ShiftDesk.class);

  private final FleetView fleet;
  private final ShiftBook book;
  private final TrafficPublisher publisher;
  private final Clock clock;

  ShiftDesk(FleetView fleet, ShiftBook book, TrafficPublisher publisher, Clock clock) {
    this.fleet = fleet;
    this.book = book;
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * Validates and publishes a shift; the API's, or a rollout step's.
   *
   * @throws ShiftRejectedException naming what was wrong; nothing is published then
   */
  @SuppressWarnings("try") // the log fields are used by the logging within
  Traffic.Accepted publish(ShiftRequest request) {
    Plan plan = ShiftPlanning.plan(request, fleet);
    if (plan instanceof Plan.Rejected rejected) {
      throw new ShiftRejectedException(rejected.violations());
    }
    Plan.Accepted accepted = (Plan.Accepted) plan;
    TrafficShiftRequested command =
        new TrafficShiftRequested(
            UUID.randomUUID().toString(),
            ShiftBook.ref(accepted.virtualService()),
            accepted.requested(),
            request.testRoute(),
            request.clusters(),
            request.requestedBy(),
            request.reason(),
            request.rolloutId(),
            request.correlationId(),
            clock.instant());
    try (LogFields fields =
        LogFields.of(
            LogFields.SHIFT,
            command.getShiftId(),
            LogFields.OBJECT,
            accepted.virtualService().toString())) {
      publisher.shift(accepted.virtualService().toString(), command);
      book.register(ShiftRecord.of(command, accepted.virtualService(), accepted.generation()));
      log.info(
          "shift {} published for {}: {} (asked by {})",
          command.getShiftId(),
          accepted.targets(),
          Weights.describe(command.getWeights()),
          command.getRequestedBy());
    }
    return new Traffic.Accepted(command.getShiftId(), accepted.targets());
  }

  /** Publishes every transition due now, each as a fleet event, and takes it into the book. */
  @SuppressWarnings("try") // the log fields are used by the logging within
  void evaluate(Instant now) {
    for (SpecificRecord payload : book.evaluate(fleet, now)) {
      String shiftId =
          payload instanceof ShiftProgress progress
              ? progress.getShiftId()
              : ((ShiftCompleted) payload).getShiftId();
      Optional<TrackedShift> shift = book.find(shiftId);
      try (LogFields fields =
          LogFields.of(
              LogFields.SHIFT,
              shiftId,
              LogFields.OBJECT,
              shift.map(s -> s.record().virtualService().toString()).orElse(null),
              LogFields.CLUSTER,
              payload instanceof ShiftProgress progress ? progress.getCluster() : null)) {
        FleetEvent event =
            new FleetEvent(
                UUID.randomUUID().toString(),
                shift.map(s -> s.record().correlationId()).orElse(null),
                TrafficPublisher.SOURCE,
                now,
                payload);
        publisher.event(shiftId, event);
        book.apply(event);
        if (payload instanceof ShiftProgress progress) {
          log.info(
              "shift {} in {}: {} ({})",
              shiftId,
              progress.getCluster(),
              progress.getState(),
              progress.getMessage());
        } else if (payload instanceof ShiftCompleted completed) {
          log.info(
              "shift {} ended: {} {}",
              shiftId,
              completed.getConverged() ? "converged" : "not converged",
              completed.getClusters());
        }
      }
    }
  }

  /** A shift read back at start-up from the shifts topic. */
  void restore(ObjectKey virtualService, TrafficShiftRequested command) {
    book.register(ShiftRecord.of(command, virtualService, null));
  }

  /** A shift event read back at start-up from the events topic. */
  void restore(FleetEvent event) {
    book.apply(event);
  }

  /** Shifts the fleet view implies, such as a VirtualService applied directly. */
  void register(List<ShiftRecord> records) {
    records.forEach(book::register);
  }

  Optional<TrackedShift> find(String id) {
    return book.find(id);
  }

  List<TrackedShift> history(ObjectKey virtualService) {
    return book.history(virtualService);
  }
}
