package io.kafleet.placement.scheduling;

import java.util.OptionalInt;

/** Why one member cluster does or does not get a template: the substance of {@code explain}. */
public sealed interface ClusterDecision {

  String cluster();

  String reason();

  /**
   * @param replicas the cluster's share of a divided workload's {@code spec.replicas}; empty when
   *     the template goes as written
   */
  record Selected(String cluster, String reason, OptionalInt replicas) implements ClusterDecision {
    public Selected(String cluster, String reason) {
      this(cluster, reason, OptionalInt.empty());
    }
  }

  record FilteredOut(String cluster, String reason) implements ClusterDecision {}

  /**
   * The template was placed in the cluster last time and a NoExecute taint evicts it now: its works
   * are to leave gracefully ({@link GracefulEviction}), not at once.
   */
  record Evicted(String cluster, String reason) implements ClusterDecision {}
}
