package io.kafleet.traffic.rollouts;

import io.kafleet.traffic.analysis.AnalysisTally;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a rollout stands, as its {@code RolloutProgress} events say: the step and wave it is at,
 * what it is doing there, since when, the shift that carries the step (null before it has one), and
 * the metric checks of the step and wave so far.
 */
public record RolloutState(
    Status status,
    int step,
    int wave,
    Stage stage,
    String shiftId,
    Instant since,
    String message,
    AnalysisTally analysis) {

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
    Objects.requireNonNull(analysis, "analysis");
  }

  public static RolloutState started(Instant at) {
    return new RolloutState(
        Status.RUNNING, 0, 0, Stage.STARTING, null, at, null, AnalysisTally.NONE);
  }

  RolloutState with(Status status) {
    return new RolloutState(status, step, wave, stage, shiftId, since, message, analysis);
  }

  /** At another step, wave or stage: its checks start from none. */
  RolloutState at(int step, int wave, Stage stage, String shiftId, Instant since) {
    return new RolloutState(status, step, wave, stage, shiftId, since, message, AnalysisTally.NONE);
  }

  /** The same step, wave and stage from {@code since} on (a resume restarts its clocks). */
  RolloutState restarted(Instant since) {
    return new RolloutState(status, step, wave, stage, shiftId, since, message, analysis);
  }

  RolloutState with(AnalysisTally analysis) {
    return new RolloutState(status, step, wave, stage, shiftId, since, message, analysis);
  }

  RolloutState finished(Status status, String message) {
    return new RolloutState(status, step, wave, stage, shiftId, since, message, analysis);
  }
}
