package io.kafleet.placement.status;

import io.kafleet.events.Health;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import io.kafleet.placement.status.TemplateStatus.ClusterWorkStatus;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Folds what the agents reported of one template's works into the template's status. */
public final class StatusFold {

  private StatusFold() {}

  /**
   * @param works the content hash of the work each target cluster holds, by cluster
   * @param reports the latest report of each cluster that has reported on the object, by cluster
   */
  public static TemplateStatus fold(
      String objectKey,
      long generation,
      Map<String, String> works,
      Map<String, WorkStatus> reports) {
    List<ClusterWorkStatus> clusters =
        new TreeMap<>(works)
            .entrySet().stream()
                .map(work -> cluster(work.getKey(), work.getValue(), reports.get(work.getKey())))
                .toList();
    return new TemplateStatus(objectKey, generation, overall(clusters), clusters);
  }

  private static ClusterWorkStatus cluster(String cluster, String workHash, WorkStatus report) {
    if (report == null) {
      return new ClusterWorkStatus(
          cluster, null, Health.Unknown, null, false, "not reported yet", Map.of());
    }
    boolean current = workHash.equals(report.getAppliedHash());
    return new ClusterWorkStatus(
        cluster,
        report.getPhase(),
        health(report, current),
        report.getAppliedGeneration(),
        current,
        report.getMessage(),
        report.getLiveSummary());
  }

  private static Health health(WorkStatus report, boolean current) {
    if (report.getPhase() == WorkPhase.Failed || report.getPhase() == WorkPhase.Conflict) {
      return Health.Unhealthy;
    }
    if (report.getPhase() != WorkPhase.Applied || !current) {
      return Health.Progressing;
    }
    return report.getHealth();
  }

  private static Health overall(List<ClusterWorkStatus> clusters) {
    if (clusters.isEmpty()) {
      return Health.Unknown;
    }
    if (clusters.stream().anyMatch(c -> c.health() == Health.Unhealthy)) {
      return Health.Unhealthy;
    }
    return clusters.stream().allMatch(c -> c.health() == Health.Healthy)
        ? Health.Healthy
        : Health.Progressing;
  }
}
