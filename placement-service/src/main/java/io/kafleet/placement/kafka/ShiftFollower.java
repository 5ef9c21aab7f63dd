package io.kafleet.placement.kafka;

import io.kafleet.events.RecordSkipped;
import io.kafleet.events.TrafficShiftRequested;
import io.kafleet.placement.handlers.ShiftsHandler;
import io.kafleet.placement.handlers.SkipsHandler;
import io.kafleet.schemas.ControlPlaneClients;
import io.kafleet.serde.PoisonRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While this instance leads, renders each weight shift traffic-service publishes on {@code
 * kafleet.traffic.shifts} into the fleet, through the shifts handler and so the transactional
 * writer. A plain consumer rather than a Spring Cloud Stream binding: it runs only while this
 * instance leads (a binding runs on standbys too), and commits a shift's offset only after the
 * decision it caused is written. It commits only after a shift is stored (or refused), in a
 * consumer group of its own, so a new leader resumes where the last one stopped and an old shift is
 * never replayed over a newer VirtualService. A record that is not a shift is skipped with a {@code
 * RecordSkipped} event and committed past like any other.
 */
final class ShiftFollower implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ShiftFollower.class);

  private final KafkaConsumer<String, Object> consumer;
  private final ShiftsHandler shifts;
  private final SkipsHandler skips;
  private final Thread thread;

  private ShiftFollower(
      KafkaConsumer<String, Object> consumer, ShiftsHandler shifts, SkipsHandler skips) {
    this.consumer = consumer;
    this.shifts = shifts;
    this.skips = skips;
    this.thread = new Thread(this::run, "kafleet-shifts");
  }

  /** Follows the shifts topic from where the last leader stopped, until closed. */
  static ShiftFollower start(KafkaSettings settings, ShiftsHandler shifts, SkipsHandler skips) {
    FleetTopics.create(settings, List.of(settings.topics().trafficShifts()));
    Map<String, Object> config = settings.reader();
    config.put(
        ConsumerConfig.GROUP_ID_CONFIG, ControlPlaneClients.placementGroups(settings.topics()));
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config);
    consumer.subscribe(List.of(settings.topics().trafficShifts()));
    ShiftFollower follower = new ShiftFollower(consumer, shifts, skips);
    follower.thread.start();
    return follower;
  }

  private void run() {
    try {
      while (true) {
        for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofSeconds(1))) {
          Optional<String> poison =
              PoisonRecords.problem(record.value(), TrafficShiftRequested.class);
          if (poison.isPresent()) {
            skip(record, poison.get());
            continue;
          }
          if (!(record.value() instanceof TrafficShiftRequested shift)) {
            continue; // a tombstone: nothing to render
          }
          try {
            shifts.shift(shift);
          } catch (RuntimeException e) {
            // traffic-service validated it; the fleet changed since. Its convergence times out.
            log.error(
                "shift {} of {} not rendered: {}",
                shift.getShiftId(),
                record.key(),
                e.getMessage());
          }
        }
        consumer.commitSync();
      }
    } catch (WakeupException closing) {
      // close() asked
    } catch (RuntimeException e) {
      log.error("following weight shifts stopped", e);
    } finally {
      consumer.close();
    }
  }

  /** Logs the record and publishes its {@code RecordSkipped}; the follower goes on either way. */
  private void skip(ConsumerRecord<String, Object> record, String reason) {
    RecordSkipped skipped =
        PoisonRecords.skipped(
            KafkaDecisionWriter.SOURCE,
            record.topic(),
            record.partition(),
            record.offset(),
            record.key(),
            reason,
            Instant.now());
    log.error(PoisonRecords.describe(skipped));
    try {
      skips.publish(List.of(skipped));
    } catch (RuntimeException e) {
      log.error("the event of the skipped record was not published", e);
    }
  }

  @Override
  public void close() {
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
