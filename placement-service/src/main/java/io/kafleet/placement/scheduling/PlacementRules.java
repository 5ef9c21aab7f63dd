package io.kafleet.placement.scheduling;

import java.util.List;

/**
 * A policy's {@code spec.placement}: which clusters qualify (one {@code clusterAffinity}, or
 * ordered fallback groups in {@code clusterAffinities}), which taints it tolerates, and how
 * replicas are spread.
 *
 * @param clusterAffinity {@link ClusterAffinity#ANY} when not set; unused when {@code
 *     clusterAffinities} is set (Karmada refuses both at once, and so does the reader)
 */
public record PlacementRules(
    ClusterAffinity clusterAffinity,
    List<ClusterAffinityTerm> clusterAffinities,
    List<Toleration> clusterTolerations,
    ReplicaScheduling replicaScheduling) {

  public PlacementRules {
    clusterAffinities = List.copyOf(clusterAffinities);
    clusterTolerations = List.copyOf(clusterTolerations);
  }

  /** Placement by cluster affinity alone: no tolerations, replicas duplicated. */
  public static PlacementRules of(ClusterAffinity affinity) {
    return new PlacementRules(affinity, List.of(), List.of(), ReplicaScheduling.DUPLICATED);
  }
}
