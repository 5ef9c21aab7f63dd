package io.kafleet.placement.status;

import io.kafleet.events.ClusterWorkState;
import io.kafleet.events.Health;
import io.kafleet.events.TemplateStatusChanged;
import io.kafleet.events.WorkPhase;
import java.util.List;
import java.util.Map;

/**
 * One template's status across the clusters it is placed in: Healthy only when every target cluster
 * has applied the current work and reports it healthy.
 */
public record TemplateStatus(
    String objectKey, long generation, Health health, List<ClusterWorkStatus> clusters) {

  /**
   * What one cluster reported of its copy. {@code phase} is null until the agent reports; {@code
   * current} says whether what it applied is the work it holds now.
   */
  public record ClusterWorkStatus(
      String cluster,
      WorkPhase phase,
      Health health,
      Long appliedGeneration,
      boolean current,
      String message,
      Map<String, String> liveSummary) {

    public ClusterWorkStatus {
      liveSummary = Map.copyOf(liveSummary);
    }
  }

  public TemplateStatus {
    clusters = List.copyOf(clusters);
  }

  public TemplateStatusChanged toEvent() {
    return new TemplateStatusChanged(
        objectKey,
        generation,
        health,
        clusters.stream()
            .map(
                c ->
                    new ClusterWorkState(c.cluster(), c.phase(), c.health(), c.appliedGeneration()))
            .toList());
  }
}
