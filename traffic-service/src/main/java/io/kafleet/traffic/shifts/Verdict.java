package io.kafleet.traffic.shifts;

import io.kafleet.events.RouteWeights;
import io.kafleet.events.ShiftState;
import java.util.Objects;

/**
 * Where a shift stands in one cluster: the state, the weights last observed there (null until
 * reported), the template generation of the work concerned (null when unknown) and why.
 */
public record Verdict(ShiftState state, RouteWeights observed, Long generation, String message) {
  public Verdict {
    Objects.requireNonNull(state, "state");
  }

  /** An outcome ends the wait: every state but Pending and Published. */
  public boolean isOutcome() {
    return state != ShiftState.Pending && state != ShiftState.Published;
  }
}
