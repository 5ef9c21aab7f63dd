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
    ClusterAffinity affinity,
    PropagationOptions options) {

  public PlacementPolicy {
    resourceSelectors = List.copyOf(resourceSelectors);
  }

  /** A policy that asks nothing of its works besides where they go. */
  public PlacementPolicy(
      ObjectKey id,
      int priority,
      List<ResourceSelector> resourceSelectors,
      ClusterAffinity affinity) {
    this(id, priority, resourceSelectors, affinity, PropagationOptions.DEFAULT);
  }

  boolean namespaced() {
    return !id.clusterScoped();
  }
}
