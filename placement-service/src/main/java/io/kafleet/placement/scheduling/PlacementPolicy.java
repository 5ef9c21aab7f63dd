package io.kafleet.placement.scheduling;

import io.kafleet.schemas.ObjectKey;
import java.util.List;

/**
 * A Karmada PropagationPolicy (namespaced: selects templates of its own namespace only) or
 * ClusterPropagationPolicy (cluster-scoped: selects templates anywhere), reduced to what scheduling
 * needs.
 */
public record PlacementPolicy(
    ObjectKey id,
    int priority,
    List<ResourceSelector> resourceSelectors,
    PlacementRules placement) {

  public PlacementPolicy {
    resourceSelectors = List.copyOf(resourceSelectors);
  }

  /** A policy that only chooses clusters by affinity (a KubeVela topology, for instance). */
  public PlacementPolicy(
      ObjectKey id,
      int priority,
      List<ResourceSelector> resourceSelectors,
      ClusterAffinity affinity) {
    this(id, priority, resourceSelectors, PlacementRules.of(affinity));
  }

  boolean namespaced() {
    return !id.clusterScoped();
  }
}
