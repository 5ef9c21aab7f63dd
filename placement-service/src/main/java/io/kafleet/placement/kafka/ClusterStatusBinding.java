package io.kafleet.placement.kafka;

import io.kafleet.events.ClusterHeartbeat;
import io.kafleet.events.StatusEvent;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import io.kafleet.placement.clusters.ClusterRegistry;
import io.kafleet.placement.clusters.StatusBatch;
import io.kafleet.placement.metrics.PlacementMetrics;
import io.kafleet.placement.status.WorkStatusBoard;
import io.kafleet.schemas.ObjectKey;
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
import org.springframework.messaging.Message;

/**
 * Reads every member's status topic (binding {@code clusterStatus-in-0}, in batch mode): heartbeats
 * into the cluster registry, work reports into the status board. A poll's reports are acted on
 * together: their templates' statuses are published in one transaction. One transaction per report
 * made the binding fall tens of seconds behind after a large fan-out (thousands of reports), and
 * the heartbeats queued behind the reports made clusters NotReady, which then got no new works.
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
      KafkaSettings settings) {
    return message -> {
      StatusBatch batch =
          StatusBatch.of(topics(message), message.getPayload(), settings.topics().statusPrefix());
      batch
          .ignored()
          .forEach(claim -> log.warn("ignored a status event claiming cluster {}", claim));
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

  /** In batch mode each header holds one value per record, in the payload's order. */
  private static List<String> topics(Message<List<StatusEvent>> message) {
    List<?> topics = message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC, List.class);
    if (topics == null) {
      throw new IllegalStateException(
          "a status batch came without its " + KafkaHeaders.RECEIVED_TOPIC + " header");
    }
    return topics.stream().map(String::valueOf).toList();
  }
}
