package io.kafleet.traffic.rollouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.events.Health;
import io.kafleet.events.ObjectRef;
import io.kafleet.events.RolloutGates;
import io.kafleet.events.RolloutPhase;
import io.kafleet.events.RolloutProgress;
import io.kafleet.events.RolloutRequested;
import io.kafleet.events.RolloutStep;
import io.kafleet.events.ShiftState;
import io.kafleet.traffic.rollouts.RolloutDecision.Abort;
import io.kafleet.traffic.rollouts.RolloutDecision.Complete;
import io.kafleet.traffic.rollouts.RolloutDecision.CompleteStep;
import io.kafleet.traffic.rollouts.RolloutDecision.Promote;
import io.kafleet.traffic.rollouts.RolloutDecision.StartStep;
import io.kafleet.traffic.rollouts.RolloutState.Status;
import io.kafleet.traffic.rollouts.Rollouts.Observation;
import io.kafleet.validation.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RolloutsTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Map<String, ShiftState> CONVERGED =
      Map.of("member1", ShiftState.Converged, "member2", ShiftState.Converged);
  private static final Map<String, Health> HEALTHY =
      Map.of("member1", Health.Healthy, "member2", Health.Healthy);

  static RolloutRequested request(List<List<String>> waves, Long... pauses) {
    List<RolloutStep> steps = new ArrayList<>();
    int[] weights = {0, 20, 50, 100};
    for (int i = 0; i < pauses.length; i++) {
      steps.add(new RolloutStep(weights[i], pauses[i], List.of(), 1));
    }
    return new RolloutRequested(
        "ci-42",
        new ObjectRef("networking.istio.io", "VirtualService", "default", "podinfo"),
        null,
        null,
        "blue",
        "green",
        steps,
        waves,
        new RolloutGates(true, true, null, 60L),
        null,
        null,
        "ci",
        T0);
  }

  private RolloutSpec spec = RolloutRequests.spec(request(List.of(), 10L, 10L, 10L, 0L));
  private RolloutState state;

  private RolloutState publish(
      RolloutPhase phase, Integer step, Integer wave, String message, Instant at) {
    state =
        Rollouts.apply(
            spec,
            state,
            new RolloutProgress(spec.id(), null, phase, step, wave, null, message, List.of()),
            List.of(),
            at);
    return state;
  }

  /** Carries the decision out as traffic-service would, publishing its event. */
  private RolloutDecision step(Observation seen, Instant now) {
    RolloutDecision decision = Rollouts.decide(spec, state, seen, now).orElseThrow();
    if (decision instanceof StartStep start) {
      publish(
          RolloutPhase.StepStarted,
          start.step(),
          start.wave(),
          "shift s" + start.step() + start.wave(),
          now);
    } else if (decision instanceof CompleteStep done) {
      publish(RolloutPhase.StepCompleted, done.step(), done.wave(), null, now);
    } else if (decision instanceof Complete) {
      publish(RolloutPhase.Completed, null, null, null, now);
    } else if (decision instanceof Abort abort) {
      publish(RolloutPhase.Aborted, null, null, abort.reason(), now);
    } else if (decision instanceof Promote promote) {
      publish(RolloutPhase.Promoted, promote.step(), null, null, now);
    }
    return decision;
  }

  @Test
  void stepsRunInOrderThroughEveryWaveWithTheirPauses() {
    spec =
        RolloutRequests.spec(
            request(List.of(List.of("member1"), List.of("member2")), 5L, 5L, 5L, 0L));
    publish(RolloutPhase.Started, null, null, null, T0);
    Observation gatesPass =
        new Observation(
            Map.of("member1", ShiftState.Converged, "member2", ShiftState.Converged), HEALTHY);
    List<String> seen = new ArrayList<>();
    Instant now = T0;
    for (int i = 0; i < 40 && !state.status().finished(); i++) {
      Optional<RolloutDecision> due = Rollouts.decide(spec, state, gatesPass, now);
      if (due.isPresent()) {
        RolloutDecision decision = step(gatesPass, now);
        seen.add(decision.toString());
      }
      now = now.plusSeconds(1);
    }
    assertThat(state.status()).isEqualTo(Status.COMPLETED);
    assertThat(seen)
        .containsExactly(
            "StartStep[step=0, wave=0, canaryWeight=0, clusters=[member1]]",
            "CompleteStep[step=0, wave=0]",
            "StartStep[step=0, wave=1, canaryWeight=0, clusters=[member2]]",
            "CompleteStep[step=0, wave=1]",
            "StartStep[step=1, wave=0, canaryWeight=20, clusters=[member1]]",
            "CompleteStep[step=1, wave=0]",
            "StartStep[step=1, wave=1, canaryWeight=20, clusters=[member2]]",
            "CompleteStep[step=1, wave=1]",
            "StartStep[step=2, wave=0, canaryWeight=50, clusters=[member1]]",
            "CompleteStep[step=2, wave=0]",
            "StartStep[step=2, wave=1, canaryWeight=50, clusters=[member2]]",
            "CompleteStep[step=2, wave=1]",
            "StartStep[step=3, wave=0, canaryWeight=100, clusters=[member1]]",
            "CompleteStep[step=3, wave=0]",
            "StartStep[step=3, wave=1, canaryWeight=100, clusters=[member2]]",
            "CompleteStep[step=3, wave=1]",
            "Complete[]");
  }

  @Test
  void aStepWaitsForItsWebhookAndAbortsWhenItRefuses() {
    RolloutRequested withWebhook = request(List.of(), 10L, 10L);
    withWebhook.getGates().setWebhookUrl("http://ci.example/gate");
    spec = RolloutRequests.spec(withWebhook);
    publish(RolloutPhase.Started, null, null, null, T0);
    step(new Observation(null, HEALTHY), T0);

    assertThat(Rollouts.decide(spec, state, new Observation(CONVERGED, HEALTHY), T0))
        .as("converged and healthy, the webhook not answered yet")
        .isEmpty();
    assertThat(
            Rollouts.decide(
                spec,
                state,
                new Observation(CONVERGED, HEALTHY, new Rollouts.WebhookAnswer(204, null), null),
                T0))
        .contains(new CompleteStep(0, 0));
    assertThat(
            step(
                new Observation(CONVERGED, HEALTHY, new Rollouts.WebhookAnswer(500, null), null),
                T0.plusSeconds(1)))
        .isEqualTo(
            new Abort(
                "step 0 (0% canary) in wave 0: webhook http://ci.example/gate answered HTTP 500"));
  }

  @Test
  void thePauseIsWaitedOutBeforeTheNextStep() {
    publish(RolloutPhase.Started, null, null, null, T0);
    step(new Observation(null, HEALTHY), T0);
    assertThat(state.shiftId()).isEqualTo("s00");
    step(new Observation(CONVERGED, HEALTHY), T0.plusSeconds(1));
    assertThat(
            Rollouts.decide(spec, state, new Observation(CONVERGED, HEALTHY), T0.plusSeconds(10)))
        .isEmpty();
    assertThat(step(new Observation(CONVERGED, HEALTHY), T0.plusSeconds(11)))
        .isEqualTo(new StartStep(1, 0, 20, List.of()));
  }

  @Test
  void anIndefinitePauseWaitsForAPromotion() {
    spec = RolloutRequests.spec(request(List.of(), 0L, null, 0L));
    publish(RolloutPhase.Started, null, null, null, T0);
    step(null, T0);
    step(new Observation(CONVERGED, HEALTHY), T0);
    step(new Observation(CONVERGED, HEALTHY), T0);
    step(new Observation(CONVERGED, HEALTHY), T0);
    assertThat(state.step()).isEqualTo(1);
    assertThat(
            Rollouts.decide(
                spec, state, new Observation(CONVERGED, HEALTHY), T0.plusSeconds(99999)))
        .isEmpty();
    RolloutDecision promote = Rollouts.promote(spec, state, false);
    assertThat(promote).isEqualTo(new Promote(2));
    publish(RolloutPhase.Promoted, 2, null, null, T0);
    assertThat(step(null, T0)).isEqualTo(new StartStep(2, 0, 50, List.of()));
  }

  @Test
  void promoteFullGoesToAllCanary() {
    publish(RolloutPhase.Started, null, null, null, T0);
    step(null, T0);
    publish(RolloutPhase.Promoted, spec.steps().size(), null, null, T0);
    assertThatThrownBy(() -> Rollouts.promote(spec, state, false))
        .hasMessageContaining("last step");
    assertThat(step(null, T0)).isEqualTo(new StartStep(4, 0, 100, List.of()));
    step(new Observation(CONVERGED, HEALTHY), T0);
    assertThat(step(new Observation(CONVERGED, HEALTHY), T0)).isEqualTo(new Complete());
  }

  @Test
  void anUnhealthyCanaryAbortsNamingTheCluster() {
    publish(RolloutPhase.Started, null, null, null, T0);
    step(null, T0);
    RolloutDecision decision =
        step(
            new Observation(
                CONVERGED, Map.of("member1", Health.Healthy, "member2", Health.Unhealthy)),
            T0);
    assertThat(decision).isInstanceOf(Abort.class);
    assertThat(((Abort) decision).reason())
        .contains("apps/Deployment/default/podinfo-green")
        .contains("member2=Unhealthy");
    assertThat(state.status()).isEqualTo(Status.ABORTED);
  }

  @Test
  void aCanaryNotYetHealthyWaitsThenTimesOut() {
    publish(RolloutPhase.Started, null, null, null, T0);
    step(null, T0);
    Observation progressing =
        new Observation(
            CONVERGED, Map.of("member1", Health.Healthy, "member2", Health.Progressing));
    assertThat(Rollouts.decide(spec, state, progressing, T0.plusSeconds(59))).isEmpty();
    assertThat(((Abort) step(progressing, T0.plusSeconds(60))).reason())
        .contains("not Healthy within");
  }

  @Test
  void aClusterThatDoesNotConvergeAborts() {
    publish(RolloutPhase.Started, null, null, null, T0);
    step(null, T0);
    RolloutDecision decision =
        step(
            new Observation(
                Map.of("member1", ShiftState.Converged, "member2", ShiftState.TimedOut), HEALTHY),
            T0);
    assertThat(((Abort) decision).reason()).contains("member2=TimedOut");
  }

  @Test
  void aShiftWithoutOutcomeAbortsAtTheStepTimeout() {
    publish(RolloutPhase.Started, null, null, null, T0);
    step(null, T0);
    assertThat(Rollouts.decide(spec, state, new Observation(null, Map.of()), T0.plusSeconds(59)))
        .isEmpty();
    assertThat(((Abort) step(new Observation(null, Map.of()), T0.plusSeconds(60))).reason())
        .contains("not converged within");
  }

  @Test
  void aPausedRolloutDoesNothingUntilResumed() {
    publish(RolloutPhase.Started, null, null, null, T0);
    publish(RolloutPhase.Paused, null, null, null, T0);
    assertThat(Rollouts.decide(spec, state, null, T0)).isEmpty();
    assertThatThrownBy(() -> Rollouts.pause(state, "bob")).hasMessageContaining("paused already");
    assertThatThrownBy(() -> Rollouts.promote(spec, state, false))
        .hasMessageContaining("resume it");
    Rollouts.resume(state, "bob");
    publish(RolloutPhase.Resumed, null, null, null, T0);
    assertThat(step(null, T0)).isInstanceOf(StartStep.class);
  }

  @Test
  void aFinishedRolloutRefusesEveryCommand() {
    publish(RolloutPhase.Started, null, null, null, T0);
    publish(RolloutPhase.Completed, null, null, null, T0);
    assertThatThrownBy(() -> Rollouts.promote(spec, state, false))
        .isInstanceOf(RolloutConflictException.class)
        .hasMessage("cannot promote: the rollout is completed");
    assertThatThrownBy(() -> Rollouts.pause(state, "x"))
        .isInstanceOf(RolloutConflictException.class);
    assertThatThrownBy(() -> Rollouts.resume(state, "x"))
        .isInstanceOf(RolloutConflictException.class);
    assertThatThrownBy(() -> Rollouts.abort(state, "x"))
        .isInstanceOf(RolloutConflictException.class);
  }

  @Test
  void badRequestsAreRefusedNamingTheField() {
    assertThat(fields(request(List.of()))).containsExactly("steps");
    RolloutRequested decreasing = request(List.of(), 0L, 0L, 0L);
    decreasing.getSteps().get(2).setCanaryWeight(10);
    assertThat(fields(decreasing)).containsExactly("steps[2].canaryWeight");
    RolloutRequested outOfRange = request(List.of(), 0L, 0L);
    outOfRange.getSteps().get(1).setCanaryWeight(101);
    assertThat(fields(outOfRange)).containsExactly("steps[1].canaryWeight");
    RolloutRequested twice = request(List.of(List.of("member1"), List.of("member1", "Bad_")), 0L);
    assertThat(fields(twice)).containsExactly("waves[1][0]", "waves[1][1]");
    RolloutRequested gates = request(List.of(), 0L);
    gates.getGates().setWebhookUrl("ci/gate");
    gates.getGates().setRequireConvergence(false);
    assertThat(fields(gates)).containsExactly("gates.requireConvergence", "gates.webhookUrl");
    assertThat(RolloutRequests.check(request(List.of(), 0L, 0L, 0L, 0L))).isEmpty();
  }

  private static List<String> fields(RolloutRequested request) {
    return RolloutRequests.check(request).stream().map(Violation::field).toList();
  }

  static List<Long> pauses(Long... pauses) {
    return Arrays.asList(pauses);
  }
}
