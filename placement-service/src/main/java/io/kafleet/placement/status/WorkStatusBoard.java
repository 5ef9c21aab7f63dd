package io.kafleet.placement.status;

import io.kafleet.events.WorkStatus;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The latest {@link WorkStatus} of every (object, cluster), from the status topics (their cache,
 * rebuilt by reading them from the start).
 */
@Component
public class WorkStatusBoard {

  private final Map<String, Map<String, WorkStatus>> byObject = new HashMap<>();

  /**
   * Records a report unless a newer one is known.
   *
   * @return whether the report changed what is known
   */
  public synchronized boolean record(WorkStatus report) {
    Map<String, WorkStatus> byCluster =
        byObject.computeIfAbsent(report.getObjectKey(), key -> new HashMap<>());
    WorkStatus known = byCluster.get(report.getCluster());
    if (known != null
        && (known.equals(report) || report.getReportedAt().isBefore(known.getReportedAt()))) {
      return false;
    }
    byCluster.put(report.getCluster(), report);
    return true;
  }

  /** The latest report of the cluster on each object it reported on, by object key. */
  public synchronized Map<String, WorkStatus> reportsOf(String cluster) {
    Map<String, WorkStatus> reports = new HashMap<>();
    byObject.forEach(
        (key, byCluster) -> {
          WorkStatus report = byCluster.get(cluster);
          if (report != null) {
            reports.put(key, report);
          }
        });
    return reports;
  }

  /** The latest report of each cluster on the object, by cluster. */
  public synchronized Map<String, WorkStatus> reportsOn(String objectKey) {
    return Map.copyOf(byObject.getOrDefault(objectKey, Map.of()));
  }
}
