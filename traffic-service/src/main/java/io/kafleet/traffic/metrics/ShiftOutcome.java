package io.kafleet.traffic.metrics;

import io.kafleet.events.ShiftCompleted;
import io.kafleet.events.ShiftState;
import java.util.Collection;

/**
 * How a shift ended, as the {@code outcome} label of {@code kafleet_traffic_shifts_total}: from the
 * per-cluster states of its {@code ShiftCompleted}. A shift with clusters in several states is
 * labelled by the worst of them: failed, then diverged, then timed out.
 */
public enum ShiftOutcome {
  /** Every target cluster converged. */
  COMPLETED("completed"),
  /** An agent reported the work Failed, Conflict or Deleted in some cluster. */
  FAILED("failed"),
  /** Applied, but some cluster observed other weights than the ones requested. */
  DIVERGED("diverged"),
  /** Some cluster did not report the shift within the convergence timeout. */
  TIMED_OUT("timed_out"),
  /** No cluster held the VirtualService. */
  NO_TARGETS("no_targets");

  private final String label;

  ShiftOutcome(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static ShiftOutcome of(ShiftCompleted completed) {
    Collection<ShiftState> states = completed.getClusters().values();
    if (states.isEmpty()) {
      return NO_TARGETS;
    }
    if (states.stream().allMatch(ShiftState.Converged::equals)) {
      return COMPLETED;
    }
    if (states.contains(ShiftState.Failed)) {
      return FAILED;
    }
    if (states.contains(ShiftState.Diverged)) {
      return DIVERGED;
    }
    return TIMED_OUT;
  }
}
