package io.kafleet.placement.scheduling;

import java.util.List;
import java.util.Set;

/**
 * Karmada's {@code placement.clusterAffinity} (or one group of {@code clusterAffinities}): a
 * cluster qualifies when it is named (or no names are given), not excluded, and matches the label
 * selector and the field selector's requirements on {@code provider}, {@code region} and {@code
 * zone} (if any).
 */
public record ClusterAffinity(
    List<String> clusterNames,
    List<String> exclude,
    LabelSelector labelSelector,
    List<Requirement> fieldSelector) {

  /** The cluster fields a field selector may name, as in Karmada. */
  public static final Set<String> FIELDS = Set.of("provider", "region", "zone");

  public static final ClusterAffinity ANY = new ClusterAffinity(List.of(), List.of(), null);

  public ClusterAffinity {
    clusterNames = List.copyOf(clusterNames);
    exclude = List.copyOf(exclude);
    fieldSelector = List.copyOf(fieldSelector);
  }

  public ClusterAffinity(
      List<String> clusterNames, List<String> exclude, LabelSelector labelSelector) {
    this(clusterNames, exclude, labelSelector, List.of());
  }

  /**
   * Why the cluster does not qualify, or null when it does.
   *
   * @param path how the policy calls this affinity, e.g. {@code clusterAffinities[1]}
   */
  String rejection(MemberState cluster, String path) {
    if (!clusterNames.isEmpty() && !clusterNames.contains(cluster.name())) {
      return "not in " + path + ".clusterNames " + clusterNames;
    }
    if (exclude.contains(cluster.name())) {
      return "in " + path + ".exclude " + exclude;
    }
    if (labelSelector != null && !labelSelector.matches(cluster.labels())) {
      return "labels "
          + cluster.labels()
          + " do not match "
          + path
          + ".labelSelector "
          + labelSelector;
    }
    for (Requirement requirement : fieldSelector) {
      if (!requirement.matches(cluster.fields())) {
        return "fields "
            + cluster.fields()
            + " do not match "
            + path
            + ".fieldSelector "
            + requirement;
      }
    }
    return null;
  }

  boolean matches(MemberState cluster) {
    return rejection(cluster, "") == null;
  }
}
