package io.kafleet.traffic.kafka;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.RecordSkipped;
import io.kafleet.serde.PoisonRecords;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records traffic-service could not read and skipped: each is logged at once, and published as
 * a {@code RecordSkipped} fleet event on {@code kafleet.traffic.events} in the next evaluation's
 * transaction (records skipped by a term's start-up read wait until the term is ready). A term that
 * ends before its commit loses its reports, and the next term, which reads the same records, skips
 * and reports them again. Not thread-safe: {@link Traffic} calls it under its lock.
 */
final class SkipReports {

  private static final Logger log = LoggerFactory.getLogger(SkipReports.class);

  private final TrafficPublisher publisher;
  private final Clock clock;
  private final List<RecordSkipped> pending = new ArrayList<>();

  SkipReports(TrafficPublisher publisher, Clock clock) {
    this.publisher = publisher;
    this.clock = clock;
  }

  /** The record, with why it cannot be taken. */
  void skipped(FleetRecord record, String reason) {
    skipped(
        PoisonRecords.skipped(
            TrafficPublisher.SOURCE,
            record.topic(),
            record.partition(),
            record.offset(),
            record.key(),
            reason,
            clock.instant()));
  }

  void skipped(RecordSkipped skipped) {
    log.error(PoisonRecords.describe(skipped));
    pending.add(skipped);
  }

  /** Publishes the skips not published yet, in the order they were found. */
  void publishPending() {
    while (!pending.isEmpty()) {
      RecordSkipped skipped = pending.get(0);
      try {
        publisher.event(
            PoisonRecords.key(skipped),
            new FleetEvent(
                UUID.randomUUID().toString(),
                null,
                TrafficPublisher.SOURCE,
                clock.instant(),
                skipped));
      } catch (RuntimeException e) {
        log.warn("the event of a skipped record is not published yet: {}", e.toString());
        return;
      }
      pending.remove(0);
    }
  }
}
