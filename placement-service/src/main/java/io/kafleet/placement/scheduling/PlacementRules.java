package io.kafleet.placement.scheduling;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A policy's {@code spec.placement}: which clusters qualify (one {@code clusterAffinity}, or
 * ordered fallback groups in {@code clusterAffinities}), which taints it tolerates, how replicas
 * are spread, and over how many clusters and groups of clusters.
 *
 * @param clusterAffinity {@link ClusterAffinity#ANY} when not set; unused when {@code
 *     clusterAffinities} is set (Karmada refuses both at once, and so does the reader)
 * @param spreadConstraints at most one per field, and besides {@code cluster} at most one of
 *     region, zone and provider (Karmada's scheduler spreads by one of them only)
 */
public record PlacementRules(
    ClusterAffinity clusterAffinity,
    List<ClusterAffinityTerm> clusterAffinities,
    List<Toleration> clusterTolerations,
    ReplicaScheduling replicaScheduling,
    List<SpreadConstraint> spreadConstraints) {

  public PlacementRules {
    clusterAffinities = List.copyOf(clusterAffinities);
    clusterTolerations = List.copyOf(clusterTolerations);
    spreadConstraints = List.copyOf(spreadConstraints);
    Set<SpreadConstraint.Field> fields = new HashSet<>();
    for (SpreadConstraint constraint : spreadConstraints) {
      if (!fields.add(constraint.spreadByField())) {
        throw new IllegalArgumentException(
            "more than one spread constraint by " + constraint.spreadByField());
      }
    }
    fields.remove(SpreadConstraint.Field.cluster);
    if (fields.size() > 1) {
      throw new IllegalArgumentException("spread constraints by more than one of " + fields);
    }
  }

  /** Rules without spread constraints. */
  public PlacementRules(
      ClusterAffinity clusterAffinity,
      List<ClusterAffinityTerm> clusterAffinities,
      List<Toleration> clusterTolerations,
      ReplicaScheduling replicaScheduling) {
    this(clusterAffinity, clusterAffinities, clusterTolerations, replicaScheduling, List.of());
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
