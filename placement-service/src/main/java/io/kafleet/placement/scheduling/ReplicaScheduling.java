package io.kafleet.placement.scheduling;

import java.util.List;

/**
 * Karmada's {@code placement.replicaScheduling}: how a workload's {@code spec.replicas} are spread
 * over the clusters it goes to.
 */
public sealed interface ReplicaScheduling {

  ReplicaScheduling DUPLICATED = new Duplicated();

  /** Every cluster runs {@code spec.replicas} (Karmada's default). */
  record Duplicated() implements ReplicaScheduling {}

  /**
   * {@code Divided} + {@code Weighted} by a static weight list; an empty list weights every cluster
   * alike, as Karmada does when {@code weightPreference} is not set.
   */
  record StaticWeights(List<StaticWeight> weights) implements ReplicaScheduling {
    public StaticWeights {
      weights = List.copyOf(weights);
    }
  }

  /** {@code Divided} + {@code Weighted} with {@code dynamicWeight: AvailableReplicas}. */
  record AvailableReplicas() implements ReplicaScheduling {}

  /** {@code Divided} + {@code Aggregated}: as few clusters as the available replicas allow. */
  record Aggregated() implements ReplicaScheduling {}
}
