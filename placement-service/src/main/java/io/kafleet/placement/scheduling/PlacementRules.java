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

  /**
   * Whether a placement by these rules could ever include the cluster: it passes the affinity (or
   * one of the fallback groups). Acceptance, readiness and taints are not asked: a change of those
   * is what the caller wants to know the placements of.
   */
  public boolean couldInclude(MemberState cluster) {
    if (clusterAffinities.isEmpty()) {
      return clusterAffinity.matches(cluster);
    }
    return clusterAffinities.stream().anyMatch(term -> term.affinity().matches(cluster));
  }
}
