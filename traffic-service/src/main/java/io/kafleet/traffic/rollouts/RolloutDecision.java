package io.kafleet.traffic.rollouts;

import io.kafleet.traffic.analysis.Measurement;
import java.util.List;

/** What a rollout does next; traffic-service carries it out and publishes it as an event. */
public sealed interface RolloutDecision {

  /** Shift the clusters of {@code wave} (empty: every cluster holding it) to the step's weight. */
  record StartStep(int step, int wave, int canaryWeight, List<String> clusters)
      implements RolloutDecision {
    public StartStep {
      clusters = List.copyOf(clusters);
    }
  }

  /** The step passed its gates in {@code wave}. */
  record CompleteStep(int step, int wave) implements RolloutDecision {}

  /** Every step done. */
  record Complete() implements RolloutDecision {}

  /**
   * Back to 100% stable wherever the rollout reached, for {@code reason}; {@code measurements} are
   * the failing ones when the analysis decided it.
   */
  record Abort(String reason, List<Measurement> measurements) implements RolloutDecision {
    public Abort {
      measurements = List.copyOf(measurements);
    }

    public Abort(String reason) {
      this(reason, List.of());
    }
  }

  /** A metric check of the step's wave was made: its measurements, to count. */
  record Analysed(int step, int wave, List<Measurement> measurements) implements RolloutDecision {
    public Analysed {
      measurements = List.copyOf(measurements);
    }
  }

  /** Go on with {@code step} (the steps' count: full) without waiting. */
  record Promote(int step) implements RolloutDecision {}

  record Pause(String by) implements RolloutDecision {}

  record Resume(String by) implements RolloutDecision {}
}
