package io.kafleet.placement.overrides;

import io.kafleet.placement.scheduling.LabelSelector;
import io.kafleet.placement.scheduling.MemberState;
import java.util.List;

/**
 * An override rule's {@code targetCluster}: a cluster is targeted when it is named (or no names are
 * given), not excluded, and matches the label selector (if any).
 */
public record TargetCluster(
    List<String> clusterNames, List<String> exclude, LabelSelector labelSelector) {

  public TargetCluster {
    clusterNames = List.copyOf(clusterNames);
    exclude = List.copyOf(exclude);
  }

  boolean matches(MemberState cluster) {
    return (clusterNames.isEmpty() || clusterNames.contains(cluster.name()))
        && !exclude.contains(cluster.name())
        && (labelSelector == null || labelSelector.matches(cluster.labels()));
  }
}
