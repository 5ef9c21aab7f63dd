package io.kafleet.placement.scheduling;

import java.util.List;

/**
 * Karmada's {@code placement.clusterAffinity}: a cluster qualifies when it is named (or no names
 * are given), not excluded, and matches the label selector (if any).
 */
public record ClusterAffinity(
    List<String> clusterNames, List<String> exclude, LabelSelector labelSelector) {

  public static final ClusterAffinity ANY = new ClusterAffinity(List.of(), List.of(), null);

  public ClusterAffinity {
    clusterNames = List.copyOf(clusterNames);
    exclude = List.copyOf(exclude);
  }

  /** Why the cluster does not qualify, or null when it does. */
  String rejection(MemberState cluster) {
    if (!clusterNames.isEmpty() && !clusterNames.contains(cluster.name())) {
      return "not in clusterAffinity.clusterNames " + clusterNames;
    }
    if (exclude.contains(cluster.name())) {
      return "in clusterAffinity.exclude " + exclude;
    }
    if (labelSelector != null && !labelSelector.matches(cluster.labels())) {
      return "labels "
          + cluster.labels()
          + " do not match clusterAffinity.labelSelector "
          + labelSelector;
    }
    return null;
  }
}
