package io.kafleet.placement.clusters;

import io.kafleet.events.ClusterHeartbeat;
import io.kafleet.events.RecordSkipped;
import io.kafleet.events.StatusEvent;
import io.kafleet.events.WorkStatus;
import io.kafleet.serde.PoisonRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One poll's records from the status topics, sorted into heartbeats, work reports and skipped
 * records, in their order; a record claiming another cluster than its topic's is left out (ACLs let
 * each agent write only its own topic, so its topic is what says which cluster speaks).
 *
 * @param skipped records that could not be read: those of this batch (bytes that are no kafleet
 *     event, or an event of another type), and those the agents report on their own topics
 * @param ignored what was left out, as "cluster on topic", for the log
 */
public record StatusBatch(
    List<ClusterHeartbeat> heartbeats,
    List<WorkStatus> reports,
    List<RecordSkipped> skipped,
    List<String> ignored) {

  public StatusBatch {
    heartbeats = List.copyOf(heartbeats);
    reports = List.copyOf(reports);
    skipped = List.copyOf(skipped);
    ignored = List.copyOf(ignored);
  }

  /**
   * @param statusPrefix the status topics' name without the cluster
   * @param consumer who skips a record that cannot be read, for its {@code RecordSkipped}
   * @param readAt when the records were read
   */
  public static StatusBatch of(
      List<StatusRecord> records, String statusPrefix, String consumer, Instant readAt) {
    List<ClusterHeartbeat> heartbeats = new ArrayList<>();
    List<WorkStatus> reports = new ArrayList<>();
    List<RecordSkipped> skipped = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    for (StatusRecord record : records) {
      Optional<String> poison = PoisonRecords.problem(record.value(), StatusEvent.class);
      if (poison.isPresent()) {
        skipped.add(
            PoisonRecords.skipped(
                consumer,
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                poison.get(),
                readAt));
        continue;
      }
      if (!(record.value() instanceof StatusEvent event)) {
        continue; // a tombstone says nothing about a cluster
      }
      String topic = record.topic();
      String cluster = topic.substring(statusPrefix.length());
      Object payload = event.getPayload();
      String claimed = event.getCluster();
      if (payload instanceof ClusterHeartbeat heartbeat) {
        claimed = heartbeat.getCluster();
      } else if (payload instanceof WorkStatus report) {
        claimed = report.getCluster();
      }
      if (!cluster.equals(event.getCluster()) || !cluster.equals(claimed)) {
        ignored.add("'" + claimed + "' on " + topic);
      } else if (payload instanceof ClusterHeartbeat heartbeat) {
        heartbeats.add(heartbeat);
      } else if (payload instanceof WorkStatus report) {
        reports.add(report);
      } else {
        skipped.add((RecordSkipped) payload);
      }
    }
    return new StatusBatch(heartbeats, reports, skipped, ignored);
  }
}
