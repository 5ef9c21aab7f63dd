package io.kafleet.placement.kafka;

import io.kafleet.events.ClusterHeartbeat;
import io.kafleet.events.RecordSkipped;
import io.kafleet.events.StatusEvent;
import io.kafleet.events.WorkStatus;
import io.kafleet.placement.clusters.ClusterRegistry;
import io.kafleet.placement.clusters.StatusBatch;
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
      KafkaSettings settings,
      Clock clock) {
    return message -> {
      List<String> topics = new ArrayList<>();
      List<Object> events = new ArrayList<>();
      List<RecordSkipped> skipped = new ArrayList<>();
      readable(message, topics, events, skipped, clock);
      StatusBatch batch = StatusBatch.of(topics, events, settings.topics().statusPrefix());
      batch
          .ignored()
          .forEach(claim -> log.warn("ignored a status event claiming cluster {}", claim));
      skipped.addAll(batch.skipped());
      report(skipped, leadership);
      for (ClusterHeartbeat heartbeat : batch.heartbeats()) {
        registry.record(heartbeat);
      }
      if (!batch.heartbeats().isEmpty()) {
        monitor.check();
      }
      Set<ObjectKey> changed = new LinkedHashSet<>();
      for (WorkStatus report : batch.reports()) {
        if (reports.record(report)) {
          changed.add(ObjectKey.parse(report.getObjectKey()));
        }
      }
      if (!changed.isEmpty()) {
        leadership.term().ifPresent(term -> term.statuses().reportedOn(changed));
      }
    };
  }

  /**
   * Sorts the batch's records into status events (and tombstones, as null) with their topics, and
   * the poison ones: bytes that are not a kafleet Avro value, or an event of another type. In batch
   * mode each header holds one value per record, in the payload's order.
   */
  private static void readable(
      Message<List<StatusEvent>> message,
      List<String> topics,
      List<Object> events,
      List<RecordSkipped> skipped,
      Clock clock) {
    List<?> values = message.getPayload();
    List<?> topicOf = header(message, KafkaHeaders.RECEIVED_TOPIC);
    List<?> partitionOf = header(message, KafkaHeaders.RECEIVED_PARTITION);
    List<?> offsetOf = header(message, KafkaHeaders.OFFSET);
    List<?> keyOf = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY, List.class);
    for (int i = 0; i < values.size(); i++) {
      Object value = values.get(i) instanceof KafkaNull ? null : values.get(i);
      String topic = String.valueOf(topicOf.get(i));
      int index = i;
      PoisonRecords.problem(value, StatusEvent.class)
          .ifPresentOrElse(
              reason ->
                  skipped.add(
                      PoisonRecords.skipped(
                          KafkaDecisionWriter.SOURCE,
                          topic,
                          ((Number) partitionOf.get(index)).intValue(),
                          ((Number) offsetOf.get(index)).longValue(),
                          keyOf == null || keyOf.get(index) == null
                              ? null
                              : String.valueOf(keyOf.get(index)),
                          reason,
                          clock.instant())),
              () -> {
                topics.add(topic);
                events.add(value);
              });
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
