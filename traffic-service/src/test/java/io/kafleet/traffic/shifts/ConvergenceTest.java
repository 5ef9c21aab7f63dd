package io.kafleet.traffic.shifts;

import static io.kafleet.traffic.shifts.Podinfo.BLUE;
import static io.kafleet.traffic.shifts.Podinfo.GREEN_80;
import static io.kafleet.traffic.shifts.Podinfo.T0;
import static io.kafleet.traffic.shifts.Podinfo.report;
import static io.kafleet.traffic.shifts.Podinfo.route0;
import static io.kafleet.traffic.shifts.Podinfo.work;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.ShiftState;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import io.kafleet.traffic.fleet.WorkView;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A shift of podinfo from blue to green 80 / blue 20, made against generation 1. */
class ConvergenceTest {

  private static final Convergence.Expectation GREEN_80_AFTER_GEN_1 =
      new Convergence.Expectation(route0(GREEN_80), null, 1, T0.plusSeconds(60));
  private static final WorkView NEW_WORK = work(2, "hash-green", GREEN_80);
  private static final Instant BEFORE_DEADLINE = T0.plusSeconds(10);

  /** GREEN_80 with kafleet's test route before the shifted route, as placement renders it. */
  private static final String GREEN_80_WITH_TEST_ROUTE =
      """
      {"spec":{"http":[
        {"name":"kafleet-test-route",
         "match":[{"uri":{"prefix":"/"},"headers":{"x-canary":{"exact":"true"}}}],
         "route":[{"destination":{"host":"podinfo","subset":"green","port":{"number":80}},
                   "weight":100}]},
        {"match":[{"uri":{"prefix":"/"}}],
         "route":[
          {"destination":{"host":"podinfo","subset":"green","port":{"number":80}},"weight":80},
          {"destination":{"host":"podinfo","subset":"blue","port":{"number":80}},"weight":20}]}]}}
      """;

  private static final Convergence.Expectation GREEN_80_WITH_TEST_ROUTE_AFTER_GEN_1 =
      new Convergence.Expectation(route0(GREEN_80), "green", 1, T0.plusSeconds(60));

  @Test
  void theNewWorkAppliedWithTheRequestedWeightsObservedConverges() {
    Verdict seen =
        decide(Optional.of(NEW_WORK), report(WorkPhase.Applied, "hash-green", 2, GREEN_80));
    assertThat(seen.state()).as("verdict %s", seen).isEqualTo(ShiftState.Converged);
    assertThat(seen.generation()).isEqualTo(2L);
  }

  @Test
  void aReportOnTheOldWorkKeepsWaiting() {
    Verdict seen = decide(Optional.of(NEW_WORK), report(WorkPhase.Applied, "hash-blue", 1, BLUE));
    assertThat(seen.state()).as("verdict %s", seen).isEqualTo(ShiftState.Published);
  }

  @Test
  void whilePlacementHasNotSentTheWeightsNothingConverges() {
    // Even a report claiming the requested weights does not count for a work not yet sent.
    Verdict seen =
        decide(
            Optional.of(work(1, "hash-blue", BLUE)),
            report(WorkPhase.Applied, "hash-blue", 1, GREEN_80));
    assertThat(seen.state()).as("verdict %s", seen).isEqualTo(ShiftState.Published);
    assertThat(seen.message()).contains("placement-service has not sent");
  }

  @Test
  void aWorkOlderThanTheShiftDoesNotCountEvenWithTheRequestedWeights() {
    Convergence.Expectation afterGen3 =
        new Convergence.Expectation(route0(GREEN_80), null, 3, T0.plusSeconds(60));
    Verdict seen =
        Convergence.decide(
            afterGen3,
            Optional.of(NEW_WORK),
            Optional.of(report(WorkPhase.Applied, "hash-green", 2, GREEN_80)),
            BEFORE_DEADLINE);
    assertThat(seen.state()).as("verdict %s", seen).isEqualTo(ShiftState.Published);
  }

  @Test
  void theNewWorkAppliedWithOtherWeightsObservedDiverges() {
    Verdict seen = decide(Optional.of(NEW_WORK), report(WorkPhase.Applied, "hash-green", 2, BLUE));
    assertThat(seen.state()).as("verdict %s", seen).isEqualTo(ShiftState.Diverged);
    assertThat(seen.message())
        .isEqualTo("applied, but observed blue=100 where green=80,blue=20 was requested");
    assertThat(seen.observed()).isEqualTo(route0(BLUE));
  }

  @Test
  void anAgentReportingNoWeightsDiverges() {
    Verdict seen = decide(Optional.of(NEW_WORK), report(WorkPhase.Applied, "hash-green", 2, null));
    assertThat(seen.state()).as("verdict %s", seen).isEqualTo(ShiftState.Diverged);
  }

  @Test
  void aFailureToApplyTheNewGenerationFails() {
    WorkStatus failed = report(WorkPhase.Failed, "hash-blue", 2, BLUE);
    failed.setMessage("admission webhook denied");
    Verdict seen = decide(Optional.of(NEW_WORK), failed);
    assertThat(seen.state()).as("verdict %s", seen).isEqualTo(ShiftState.Failed);
    assertThat(seen.message()).isEqualTo("agent reports Failed: admission webhook denied");
  }

  @Test
  void aConflictOnTheNewWorkFails() {
    Verdict seen = decide(Optional.of(NEW_WORK), report(WorkPhase.Conflict, "hash-green", 2, BLUE));
    assertThat(seen.state()).as("verdict %s", seen).isEqualTo(ShiftState.Failed);
  }

  @Test
  void anOldFailureDoesNotFailTheShift() {
    Verdict seen = decide(Optional.of(NEW_WORK), report(WorkPhase.Failed, "hash-blue", 1, BLUE));
    assertThat(seen.state()).as("verdict %s", seen).isEqualTo(ShiftState.Published);
  }

  @Test
  void aSilentClusterTimesOutAtTheDeadline() {
    Verdict seen =
        Convergence.decide(
            GREEN_80_AFTER_GEN_1,
            Optional.of(NEW_WORK),
            Optional.of(report(WorkPhase.Applied, "hash-blue", 1, BLUE)),
            T0.plusSeconds(60));
    assertThat(seen.state()).as("verdict %s", seen).isEqualTo(ShiftState.TimedOut);
    assertThat(seen.observed()).as("last observed weights").isEqualTo(route0(BLUE));
  }

  @Test
  void aMatchingReportAfterTheDeadlineStillConverges() {
    Verdict seen =
        Convergence.decide(
            GREEN_80_AFTER_GEN_1,
            Optional.of(NEW_WORK),
            Optional.of(report(WorkPhase.Applied, "hash-green", 2, GREEN_80)),
            T0.plusSeconds(600));
    assertThat(seen.state()).as("verdict %s", seen).isEqualTo(ShiftState.Converged);
  }

  @Test
  void aClusterThatNeverGotTheWorkTimesOutSayingSo() {
    Verdict seen =
        Convergence.decide(
            GREEN_80_AFTER_GEN_1, Optional.empty(), Optional.empty(), T0.plusSeconds(61));
    assertThat(seen.state()).isEqualTo(ShiftState.TimedOut);
    assertThat(seen.message()).contains("placement-service has not sent");
  }

  @Test
  void aNamedClusterShiftConvergesOnTheSameGenerationWithANewHash() {
    // An OverridePolicy changed the work, not the template's generation.
    WorkView overridden = work(1, "hash-override", GREEN_80);
    Verdict seen =
        decide(Optional.of(overridden), report(WorkPhase.Applied, "hash-override", 1, GREEN_80));
    assertThat(seen.state()).as("verdict %s", seen).isEqualTo(ShiftState.Converged);
  }

  @Test
  void observedDestinationsInAnotherOrderStillConverge() {
    String blueFirst =
        """
        {"spec":{"http":[{"route":[
          {"destination":{"host":"podinfo","subset":"blue","port":{"number":80}},"weight":20},
          {"destination":{"host":"podinfo","subset":"green","port":{"number":80}},"weight":80}]}]}}
        """;
    Verdict seen =
        decide(Optional.of(NEW_WORK), report(WorkPhase.Applied, "hash-green", 2, blueFirst));
    assertThat(seen.state())
        .as("verdict %s (observed %s)", seen, blueFirst)
        .isEqualTo(ShiftState.Converged);
  }

  @Test
  void aTestRouteAskedSentAndObservedConverges() {
    Verdict seen =
        Convergence.decide(
            GREEN_80_WITH_TEST_ROUTE_AFTER_GEN_1,
            Optional.of(work(2, "hash-test", GREEN_80_WITH_TEST_ROUTE)),
            Optional.of(report(WorkPhase.Applied, "hash-test", 2, GREEN_80_WITH_TEST_ROUTE)),
            BEFORE_DEADLINE);
    assertThat(seen.state()).as("verdict %s", seen).isEqualTo(ShiftState.Converged);
    assertThat(seen.observed())
        .as("the shifted route, numbered as the user wrote it")
        .isEqualTo(route0(GREEN_80));
    assertThat(seen.message())
        .isEqualTo("observed green=80,blue=20 with a test route to green=100");
  }

  @Test
  void aTestRouteAskedButAWorkWithoutItKeepsWaiting() {
    Verdict seen =
        Convergence.decide(
            GREEN_80_WITH_TEST_ROUTE_AFTER_GEN_1,
            Optional.of(NEW_WORK),
            Optional.of(report(WorkPhase.Applied, "hash-green", 2, GREEN_80)),
            BEFORE_DEADLINE);
    assertThat(seen.state()).as("verdict %s", seen).isEqualTo(ShiftState.Published);
    assertThat(seen.message())
        .isEqualTo(
            "placement-service has not sent the requested weights with a test route to green to"
                + " the cluster");
  }

  @Test
  void aTestRouteToAnotherSubsetIsNotTheShiftsWork() {
    String toBlue =
        GREEN_80_WITH_TEST_ROUTE.replaceFirst("\"subset\":\"green\"", "\"subset\":\"blue\"");
    assertThat(toBlue).isNotEqualTo(GREEN_80_WITH_TEST_ROUTE);
    Verdict seen =
        Convergence.decide(
            GREEN_80_WITH_TEST_ROUTE_AFTER_GEN_1,
            Optional.of(work(2, "hash-test-blue", toBlue)),
            Optional.of(report(WorkPhase.Applied, "hash-test-blue", 2, toBlue)),
            BEFORE_DEADLINE);
    assertThat(seen.state()).as("verdict %s of %s", seen, toBlue).isEqualTo(ShiftState.Published);
  }

  @Test
  void aWorkWithATestRouteTheShiftDidNotAskForIsNotTheShiftsWork() {
    Verdict seen =
        decide(
            Optional.of(work(2, "hash-test", GREEN_80_WITH_TEST_ROUTE)),
            report(WorkPhase.Applied, "hash-test", 2, GREEN_80_WITH_TEST_ROUTE));
    assertThat(seen.state()).as("verdict %s", seen).isEqualTo(ShiftState.Published);
    assertThat(seen.message()).contains("placement-service has not sent");
  }

  @Test
  void theShiftsWorkAppliedButObservedWithoutTheTestRouteDiverges() {
    Verdict seen =
        Convergence.decide(
            GREEN_80_WITH_TEST_ROUTE_AFTER_GEN_1,
            Optional.of(work(2, "hash-test", GREEN_80_WITH_TEST_ROUTE)),
            Optional.of(report(WorkPhase.Applied, "hash-test", 2, GREEN_80)),
            BEFORE_DEADLINE);
    assertThat(seen.state()).as("verdict %s", seen).isEqualTo(ShiftState.Diverged);
    assertThat(seen.message())
        .isEqualTo(
            "applied, but observed green=80,blue=20 where green=80,blue=20 with a test route to"
                + " green was requested");
  }

  private static Verdict decide(Optional<WorkView> work, WorkStatus report) {
    return Convergence.decide(GREEN_80_AFTER_GEN_1, work, Optional.of(report), BEFORE_DEADLINE);
  }
}
