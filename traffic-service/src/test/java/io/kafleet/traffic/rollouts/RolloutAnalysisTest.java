package io.kafleet.traffic.rollouts;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.Health;
import io.kafleet.events.MetricGate;
import io.kafleet.events.RolloutAnalysis;
import io.kafleet.events.RolloutPhase;
import io.kafleet.events.RolloutProgress;
import io.kafleet.events.RolloutRequested;
import io.kafleet.events.ShiftState;
import io.kafleet.traffic.analysis.Measurement;
import io.kafleet.traffic.rollouts.RolloutDecision.Abort;
import io.kafleet.traffic.rollouts.RolloutDecision.Analysed;
import io.kafleet.traffic.rollouts.RolloutDecision.CompleteStep;
import io.kafleet.traffic.rollouts.Rollouts.Observation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The metric analysis of a rollout's steps: when checks are due, what passes, what rolls back. */
class RolloutAnalysisTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Map<String, ShiftState> CONVERGED =
      Map.of("member1", ShiftState.Converged, "member2", ShiftState.Converged);
  private static final Map<String, Health> HEALTHY =
      Map.of("member1", Health.Healthy, "member2", Health.Healthy);

  private RolloutSpec spec;
  private RolloutState state;

  @BeforeEach
  void aRolloutCheckedEveryTenSecondsWithThresholdTwo() {
    spec = spec(2);
  }

  private static RolloutSpec spec(int threshold) {
    RolloutRequested request = RolloutsTest.request(List.of(), 0L, 0L, 0L);
    request.setAnalysis(
        new RolloutAnalysis(
            10L,
            threshold,
            List.of(new MetricGate("request-success-rate", null, 99.0, null, 60L))));
    return RolloutRequests.spec(request);
  }

  private static Measurement rate(String cluster, double value) {
    return new Measurement(cluster, "request-success-rate", value, 99.0, null, null);
  }

  private static Observation checked(Measurement... measurements) {
    return new Observation(CONVERGED, HEALTHY, null, List.of(measurements));
  }

  private void publish(
      RolloutPhase phase, Integer step, List<Measurement> measurements, Instant at) {
    state =
        Rollouts.apply(
            spec,
            state,
            new RolloutProgress(spec.id(), null, phase, step, 0, null, null, List.of()),
            measurements,
            at);
  }

  /** Started, and step {@code step}'s shift published at {@code at}. */
  private void atStep(int step, Instant at) {
    publish(RolloutPhase.Started, null, List.of(), T0);
    publish(RolloutPhase.StepStarted, step, List.of(), at);
  }

  private Optional<RolloutDecision> decide(Observation seen, Instant now) {
    return Rollouts.decide(spec, state, seen, now);
  }

  /** Carries out the decision due, as traffic-service would, and returns it. */
  private RolloutDecision carryOut(Observation seen, Instant now) {
    RolloutDecision decision = decide(seen, now).orElseThrow();
    if (decision instanceof Analysed check) {
      publish(RolloutPhase.Analysed, check.step(), check.measurements(), now);
    }
    return decision;
  }

  @Test
  void theFirstCheckIsDueOneIntervalAfterTheStepStartedAndNotBefore() {
    atStep(0, T0);
    Observation passing = checked(rate("member1", 100), rate("member2", 99.5));
    assertThat(Rollouts.checkDue(spec, state, T0.plusSeconds(9))).isFalse();
    assertThat(decide(passing, T0.plusSeconds(9)))
        .as("converged and healthy, but no check is due yet")
        .isEmpty();
    assertThat(Rollouts.checkDue(spec, state, T0.plusSeconds(10))).isTrue();
    assertThat(carryOut(passing, T0.plusSeconds(10)))
        .isEqualTo(new Analysed(0, 0, List.of(rate("member1", 100), rate("member2", 99.5))));
    assertThat(decide(new Observation(CONVERGED, HEALTHY), T0.plusSeconds(10)))
        .as("one passing check completes the step")
        .contains(new CompleteStep(0, 0));
  }

  @Test
  void aClusterFailingThresholdChecksInARowRollsBackNamingTheClusterMetricValueAndRange() {
    atStep(1, T0);
    Observation member2Fails = checked(rate("member1", 100), rate("member2", 79.5));
    carryOut(member2Fails, T0.plusSeconds(10));
    assertThat(decide(new Observation(CONVERGED, HEALTHY), T0.plusSeconds(11)))
        .as("one failure of a threshold of two: wait for the next check")
        .isEmpty();
    assertThat(Rollouts.checkDue(spec, state, T0.plusSeconds(19))).isFalse();
    carryOut(member2Fails, T0.plusSeconds(20));
    RolloutDecision decision =
        decide(new Observation(CONVERGED, HEALTHY), T0.plusSeconds(20)).orElseThrow();
    assertThat(decision)
        .isEqualTo(
            new Abort(
                "step 1 (20% canary) in wave 0: analysis: request-success-rate in member2 was"
                    + " 79.5, outside 99.. (2 failed check(s) in a row, threshold 2)",
                List.of(rate("member2", 79.5))));
  }

  @Test
  void aPassingCheckBetweenFailuresStartsTheCountAgain() {
    RolloutSpec threeChecks =
        new RolloutSpec(
            spec.id(),
            spec.virtualService(),
            spec.route(),
            spec.stableSubset(),
            spec.canarySubset(),
            List.of(new RolloutSpec.Step(20, java.time.Duration.ZERO, List.of(), 3)),
            spec.waves(),
            spec.requireCanaryHealthy(),
            spec.stepTimeout(),
            spec.webhook(),
            spec.analysis(),
            spec.canaryDeployment(),
            spec.requestedBy(),
            spec.requestedAt());
    spec = threeChecks;
    atStep(0, T0);
    carryOut(checked(rate("member2", 90)), T0.plusSeconds(10));
    carryOut(checked(rate("member2", 100)), T0.plusSeconds(20));
    carryOut(checked(rate("member2", 90)), T0.plusSeconds(30));
    assertThat(state.analysis().failedInARow()).containsExactly(Map.entry("member2", 1));
    assertThat(decide(new Observation(CONVERGED, HEALTHY), T0.plusSeconds(31))).isEmpty();
    carryOut(checked(rate("member2", 100)), T0.plusSeconds(40));
    carryOut(checked(rate("member2", 100)), T0.plusSeconds(50));
    assertThat(decide(new Observation(CONVERGED, HEALTHY), T0.plusSeconds(50)))
        .as("the step asks three passing checks in a row; two so far")
        .isEmpty();
    carryOut(checked(rate("member2", 100)), T0.plusSeconds(60));
    assertThat(decide(new Observation(CONVERGED, HEALTHY), T0.plusSeconds(60)))
        .contains(new CompleteStep(0, 0));
  }

  @Test
  void noDataOrNoAnswerFailsACheck() {
    spec = spec(1);
    atStep(0, T0);
    Measurement noData =
        new Measurement("member1", "request-success-rate", null, 99.0, null, "no data");
    carryOut(checked(noData, rate("member2", 100)), T0.plusSeconds(10));
    assertThat(decide(new Observation(CONVERGED, HEALTHY), T0.plusSeconds(10)).orElseThrow())
        .isInstanceOfSatisfying(
            Abort.class,
            abort ->
                assertThat(abort.reason())
                    .contains("request-success-rate in member1 has no value (no data)"));
    assertThat(Measurement.of("m", spec.analysis().metrics().get(0), Double.NaN).passed())
        .isFalse();
  }

  @Test
  void aNewStepStartsItsChecksAfresh() {
    atStep(0, T0);
    carryOut(checked(rate("member2", 90)), T0.plusSeconds(10));
    assertThat(state.analysis().checks()).isEqualTo(1);
    publish(RolloutPhase.StepStarted, 1, List.of(), T0.plusSeconds(12));
    assertThat(state.analysis().checks()).isZero();
    assertThat(state.analysis().failedInARow()).isEmpty();
    assertThat(Rollouts.checkDue(spec, state, T0.plusSeconds(21))).isFalse();
    assertThat(Rollouts.checkDue(spec, state, T0.plusSeconds(22))).isTrue();
  }

  @Test
  void checksWaitForConvergenceAndTheCanarysHealth() {
    atStep(0, T0);
    List<Measurement> passing = List.of(rate("member1", 100), rate("member2", 100));
    assertThat(decide(new Observation(null, HEALTHY, null, passing), T0.plusSeconds(10)))
        .as("a shift still on its way: no check counts yet")
        .isEmpty();
    Map<String, Health> progressing =
        Map.of("member1", Health.Healthy, "member2", Health.Progressing);
    assertThat(decide(new Observation(CONVERGED, progressing, null, passing), T0.plusSeconds(10)))
        .as("the canary not healthy yet in member2")
        .isEmpty();
    assertThat(decide(new Observation(CONVERGED, HEALTHY, null, passing), T0.plusSeconds(10)))
        .contains(new Analysed(0, 0, passing));
  }
}
