package io.kafleet.traffic.rollouts;

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

  /** Back to 100% stable wherever the rollout reached, for {@code reason}. */
  record Abort(String reason) implements RolloutDecision {}

  /** Go on with {@code step} (the steps' count: full) without waiting. */
  record Promote(int step) implements RolloutDecision {}

  record Pause(String by) implements RolloutDecision {}

  record Resume(String by) implements RolloutDecision {}
}
