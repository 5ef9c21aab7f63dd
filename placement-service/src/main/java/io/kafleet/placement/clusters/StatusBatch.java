package io.kafleet.placement.clusters;

import io.kafleet.events.ClusterHeartbeat;
import io.kafleet.events.RecordSkipped;
import io.kafleet.events.StatusEvent;
import io.kafleet.events.WorkStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * One poll's records from the status topics, sorted into heartbeats and work reports; a record
 * claiming another cluster than its topic's is left out (ACLs let each agent write only its own
 * topic, so its topic is what says which cluster speaks).
 *
 * @param skipped records the agents report they could not read on their own topics
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
   * @param topics each event's topic, in the events' order
   * @param statusPrefix the status topics' name without the cluster
   */
  public static StatusBatch of(List<String> topics, List<?> events, String statusPrefix) {
    if (topics.size() != events.size()) {
      throw new IllegalArgumentException(
          "a batch of " + events.size() + " status events came with " + topics.size() + " topics");
    }
    List<ClusterHeartbeat> heartbeats = new ArrayList<>();
    List<WorkStatus> reports = new ArrayList<>();
    List<RecordSkipped> skipped = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      String topic = topics.get(i);
      if (!(events.get(i) instanceof StatusEvent event)) {
        continue; // a tombstone says nothing about a cluster; the caller took out poison
      }
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
