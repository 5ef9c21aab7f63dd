package io.kafleet.traffic.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.RolloutPhase;
import io.kafleet.events.RolloutProgress;
import io.kafleet.events.ShiftCompleted;
import io.kafleet.events.ShiftProgress;
import io.kafleet.events.ShiftState;
import io.kafleet.traffic.metrics.EventMeasures.ShiftEnded;
import io.kafleet.traffic.metrics.EventMeasures.StepEnded;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventMeasuresTest {

  private static final Instant ASKED = Instant.parse("2026-12-03T07:00:00Z");

  private final EventMeasures measures = new EventMeasures();

  @Test
  void aShiftConvergedEverywhereEndsCompletedWithItsTimeFromTheCommandToTheLastCluster() {
    assertThat(measures.take(List.of(progress("member1", ShiftState.Published, 0)))).isEmpty();
    assertThat(measures.take(List.of(progress("member1", ShiftState.Converged, 3)))).isEmpty();

    List<EventMeasures.Measure> last =
        measures.take(
            List.of(
                progress("member2", ShiftState.Converged, 7),
                completed(
                    7, Map.of("member1", ShiftState.Converged, "member2", ShiftState.Converged))));

    assertThat(last)
        .containsExactly(new ShiftEnded("shift-1", ShiftOutcome.COMPLETED, Duration.ofSeconds(7)));
  }

  @Test
  void aShiftThatDidNotConvergeEndsWithItsWorstOutcomeAndNoConvergenceTime() {
    List<EventMeasures.Measure> ended =
        measures.take(
            List.of(
                progress("member2", ShiftState.TimedOut, 60),
                completed(
                    60,
                    Map.of(
                        "member1", ShiftState.Diverged,
                        "member2", ShiftState.TimedOut,
                        "member3", ShiftState.Converged))));

    assertThat(ended).containsExactly(new ShiftEnded("shift-1", ShiftOutcome.DIVERGED, null));
  }

  @Test
  void everyOutcomeHasItsLabel() {
    assertThat(outcome(Map.of("a", ShiftState.Converged))).isEqualTo(ShiftOutcome.COMPLETED);
    assertThat(outcome(Map.of("a", ShiftState.Failed, "b", ShiftState.Diverged)))
        .isEqualTo(ShiftOutcome.FAILED);
    assertThat(outcome(Map.of("a", ShiftState.TimedOut, "b", ShiftState.Converged)))
        .isEqualTo(ShiftOutcome.TIMED_OUT);
    assertThat(outcome(Map.of())).isEqualTo(ShiftOutcome.NO_TARGETS);
    assertThat(List.of(ShiftOutcome.values()))
        .extracting(ShiftOutcome::label)
        .containsExactly("completed", "failed", "diverged", "timed_out", "no_targets");
  }

  @Test
  void aCommandStampedLaterThanItsCompletionByAnotherInstancesClockCountsAsNoTime() {
    List<EventMeasures.Measure> ended =
        measures.take(
            List.of(
                progress("member1", ShiftState.Converged, -2),
                completed(-2, Map.of("member1", ShiftState.Converged))));

    assertThat(ended)
        .containsExactly(new ShiftEnded("shift-1", ShiftOutcome.COMPLETED, Duration.ZERO));
  }

  @Test
  void aStepEndsWhenTheWaveItStartedCompletes() {
    assertThat(measures.take(List.of(rollout(RolloutPhase.Started, null, null, 0)))).isEmpty();
    assertThat(measures.take(List.of(rollout(RolloutPhase.StepStarted, 0, 0, 1)))).isEmpty();

    assertThat(measures.take(List.of(rollout(RolloutPhase.StepCompleted, 0, 0, 31))))
        .containsExactly(new StepEnded("rollout-1", 0, 0, Duration.ofSeconds(30)));
    assertThat(measures.take(List.of(rollout(RolloutPhase.StepCompleted, 0, 0, 40))))
        .as("a step ends once")
        .isEmpty();
  }

  @Test
  void aStepStartedByAFormerLeaderIsNotMeasured() {
    assertThat(measures.take(List.of(rollout(RolloutPhase.StepCompleted, 1, 0, 31)))).isEmpty();
  }

  @Test
  void anAbortedRolloutsOpenStepIsForgotten() {
    measures.take(List.of(rollout(RolloutPhase.StepStarted, 2, 1, 1)));
    measures.take(List.of(rollout(RolloutPhase.Aborted, null, null, 5)));

    assertThat(measures.take(List.of(rollout(RolloutPhase.StepCompleted, 2, 1, 9)))).isEmpty();
  }

  private static ShiftOutcome outcome(Map<String, ShiftState> clusters) {
    return ShiftOutcome.of(new ShiftCompleted("s", null, false, new LinkedHashMap<>(clusters)));
  }

  private static FleetEvent progress(String cluster, ShiftState state, int secondsAfter) {
    return event(
        secondsAfter,
        new ShiftProgress("shift-1", null, cluster, state, null, null, 2L, null, ASKED));
  }

  private static FleetEvent completed(int secondsAfter, Map<String, ShiftState> clusters) {
    boolean converged = clusters.values().stream().allMatch(ShiftState.Converged::equals);
    return event(
        secondsAfter,
        new ShiftCompleted("shift-1", null, converged, new LinkedHashMap<>(clusters)));
  }

  private static FleetEvent rollout(
      RolloutPhase phase, Integer step, Integer wave, int secondsAfter) {
    return event(
        secondsAfter,
        new RolloutProgress("rollout-1", null, phase, step, wave, null, null, List.of()));
  }

  private static FleetEvent event(int secondsAfter, Object payload) {
    return new FleetEvent(
        "e-" + secondsAfter, null, "traffic-service", ASKED.plusSeconds(secondsAfter), payload);
  }
}
