package io.kafleet.placement.kafka;

import io.kafleet.events.ClusterHeartbeat;
import io.kafleet.events.RecordSkipped;
import io.kafleet.events.StatusEvent;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import io.kafleet.placement.clusters.ClusterRegistry;
import io.kafleet.placement.clusters.StatusBatch;
import io.kafleet.placement.clusters.StatusRecord;
import io.kafleet.placement.metrics.PlacementMetrics;
import io.kafleet.placement.status.WorkStatusBoard;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.serde.PoisonRecords;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;

/**
 * Reads every member's status topic (binding {@code clusterStatus-in-0}, in batch mode): heartbeats
 * into the cluster registry, work reports into the status board. A poll's reports are acted on
 * together: their templates' statuses are published in one transaction. One transaction per report
 * made the binding fall tens of seconds behind after a large fan-out (thousands of reports), and
 * the heartbeats queued behind the reports made clusters NotReady, which then got no new works.
 *
 * <p>A record that cannot be read (see {@link io.kafleet.serde.PoisonTolerantDeserializer}), or an
 * agent's report of one, is skipped with an error and a {@code RecordSkipped} event; the rest of
 * the batch is taken as usual, so one poison record never stops or loops the binding.
 */
@Configuration(proxyBeanMethods = false)
class ClusterStatusBinding {

  private static final Logger log = LoggerFactory.getLogger(ClusterStatusBinding.class);

  @Bean
  Consumer<Message<List<StatusEvent>>> clusterStatus(
      ClusterRegistry registry,
      MembershipMonitor monitor,
      WorkStatusBoard reports,
      Leadership leadership,
      PlacementMetrics metrics,
      KafkaSettings settings,
      Clock clock) {
    return message -> {
      StatusBatch batch =
          StatusBatch.of(
              records(message),
              settings.topics().statusPrefix(),
              KafkaDecisionWriter.SOURCE,
              clock.instant());
      batch
          .ignored()
          .forEach(claim -> log.warn("ignored a status event claiming cluster {}", claim));
      report(batch.skipped(), leadership);
      for (ClusterHeartbeat heartbeat : batch.heartbeats()) {
        registry.record(heartbeat);
      }
      if (!batch.heartbeats().isEmpty()) {
        monitor.check();
      }
      Set<ObjectKey> changed = new LinkedHashSet<>();
      for (WorkStatus report : batch.reports()) {
        if (record(reports, report)) {
          metrics.reported(report);
          changed.add(ObjectKey.parse(report.getObjectKey()));
        }
      }
      if (!changed.isEmpty()) {
        leadership.term().ifPresent(term -> term.statuses().reportedOn(changed));
      }
    };
  }

  /** The batch's records: in batch mode each header holds one value per record, in order. */
  private static List<StatusRecord> records(Message<List<StatusEvent>> message) {
    List<?> values = message.getPayload();
    List<?> topics = header(message, KafkaHeaders.RECEIVED_TOPIC);
    List<?> partitions = header(message, KafkaHeaders.RECEIVED_PARTITION);
    List<?> offsets = header(message, KafkaHeaders.OFFSET);
    List<?> keys = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY, List.class);
    List<StatusRecord> records = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      Object key = keys == null ? null : keys.get(i);
      records.add(
          new StatusRecord(
              String.valueOf(topics.get(i)),
              ((Number) partitions.get(i)).intValue(),
              ((Number) offsets.get(i)).longValue(),
              key == null ? null : String.valueOf(key),
              values.get(i) instanceof KafkaNull ? null : values.get(i)));
    }
    return records;
  }

  /** Records a report, with its cluster, object and generation on the lines it logs. */
  @SuppressWarnings("try") // the MDC entries are the try's purpose: set for the lines inside
  private static boolean record(WorkStatusBoard reports, WorkStatus report) {
    try (var cluster = MDC.putCloseable("cluster", report.getCluster());
        var object = MDC.putCloseable("object", report.getObjectKey());
        var generation =
            MDC.putCloseable("generation", String.valueOf(report.getAppliedGeneration()))) {
      boolean changed = reports.record(report);
      if (changed
          && (report.getPhase() == WorkPhase.Failed || report.getPhase() == WorkPhase.Conflict)) {
        log.info("agent reports {}: {}", report.getPhase(), report.getMessage());
      } else if (changed) {
        log.debug("agent reports {}", report.getPhase());
      }
      return changed;
    }
  }

  /**
   * Says every skip in the log, on every instance; the leader also publishes them as fleet events.
   * A failed publish leaves the skip in the log only: the binding goes on with the good records.
   */
  private static void report(List<RecordSkipped> skipped, Leadership leadership) {
    if (skipped.isEmpty()) {
      return;
    }
    skipped.forEach(skip -> log.error(PoisonRecords.describe(skip)));
    try {
      leadership.term().ifPresent(term -> term.skips().publish(skipped));
    } catch (RuntimeException e) {
      log.error("the events of {} skipped records were not published", skipped.size(), e);
    }
  }

  private static List<?> header(Message<?> message, String name) {
    List<?> values = message.getHeaders().get(name, List.class);
    if (values == null) {
      throw new IllegalStateException("a status batch came without its " + name + " header");
    }
    return values;
  }
}
