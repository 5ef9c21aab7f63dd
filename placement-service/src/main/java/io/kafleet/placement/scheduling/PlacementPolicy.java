package io.kafleet.placement.scheduling;

import io.kafleet.schemas.ObjectKey;
import java.util.List;
import java.util.Optional;

/**
 * A Karmada PropagationPolicy (namespaced: selects templates of its own namespace only) or
 * ClusterPropagationPolicy (cluster-scoped: selects templates anywhere), reduced to what scheduling
 * needs.
 *
 * @param applicationFailover {@code spec.failover.application}, if set
 */
public record PlacementPolicy(
    ObjectKey id,
    int priority,
    List<ResourceSelector> resourceSelectors,
    PlacementRules placement,
    PropagationOptions options,
    Optional<ApplicationFailover> applicationFailover) {

  public PlacementPolicy {
    resourceSelectors = List.copyOf(resourceSelectors);
  }

  /** A policy without application failover. */
  public PlacementPolicy(
      ObjectKey id,
      int priority,
      List<ResourceSelector> resourceSelectors,
      PlacementRules placement,
      PropagationOptions options) {
    this(id, priority, resourceSelectors, placement, options, Optional.empty());
  }

  /** A policy that only chooses clusters by affinity and asks nothing else of its works. */
  public PlacementPolicy(
      ObjectKey id,
      int priority,
      List<ResourceSelector> resourceSelectors,
      ClusterAffinity affinity) {
    this(id, priority, resourceSelectors, PlacementRules.of(affinity));
  }

  /** A policy that asks nothing of its works besides where they go. */
  public PlacementPolicy(
      ObjectKey id,
      int priority,
      List<ResourceSelector> resourceSelectors,
      PlacementRules placement) {
    this(id, priority, resourceSelectors, placement, PropagationOptions.DEFAULT);
  }

  boolean namespaced() {
    return !id.clusterScoped();
  }
}
