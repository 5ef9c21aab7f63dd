package io.kafleet.traffic.rollouts;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a rollout stands, as its {@code RolloutProgress} events say: the step and wave it is at,
 * what it is doing there, since when, and the shift that carries the step (null before it has one).
 */
public record RolloutState(
    Status status, int step, int wave, Stage stage, String shiftId, Instant since, String message) {

  public enum Status {
    RUNNING,
    PAUSED,
    COMPLETED,
    ABORTED,
    /** The request was refused; nothing was shifted. */
    REJECTED;

    public boolean finished() {
      return this == COMPLETED || this == ABORTED || this == REJECTED;
    }
  }

  public enum Stage {
    /** The step's shift for this wave is still to be requested. */
    STARTING,
    /** The shift is out; waiting for its gates. */
    GATING,
    /** Every wave passed its gates; the step's pause runs (or waits for a promotion). */
    PAUSING
  }

  public RolloutState {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(since, "since");
  }

  public static RolloutState started(Instant at) {
    return new RolloutState(Status.RUNNING, 0, 0, Stage.STARTING, null, at, null);
  }

  RolloutState with(Status status) {
    return new RolloutState(status, step, wave, stage, shiftId, since, message);
  }

  RolloutState at(int step, int wave, Stage stage, String shiftId, Instant since) {
    return new RolloutState(status, step, wave, stage, shiftId, since, message);
  }

  RolloutState finished(Status status, String message) {
    return new RolloutState(status, step, wave, stage, shiftId, since, message);
  }
}
