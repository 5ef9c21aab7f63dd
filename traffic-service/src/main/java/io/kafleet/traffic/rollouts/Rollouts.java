package io.kafleet.traffic.rollouts;

import io.kafleet.events.Health;
import io.kafleet.events.RolloutProgress;
import io.kafleet.events.ShiftState;
import io.kafleet.traffic.analysis.Analysis;
import io.kafleet.traffic.analysis.AnalysisTally;
import io.kafleet.traffic.analysis.Measurement;
import io.kafleet.traffic.rollouts.RolloutDecision.Abort;
import io.kafleet.traffic.rollouts.RolloutDecision.Analysed;
import io.kafleet.traffic.rollouts.RolloutDecision.Complete;
import io.kafleet.traffic.rollouts.RolloutDecision.CompleteStep;
import io.kafleet.traffic.rollouts.RolloutDecision.Pause;
import io.kafleet.traffic.rollouts.RolloutDecision.Promote;
import io.kafleet.traffic.rollouts.RolloutDecision.Resume;
import io.kafleet.traffic.rollouts.RolloutDecision.StartStep;
import io.kafleet.traffic.rollouts.RolloutState.Stage;
import io.kafleet.traffic.rollouts.RolloutState.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rollout state machine, pure: {@link #decide} says what is due given what the current step's
 * shift and the canary look like; {@link #apply} turns a published event into the next state, so a
 * rollout's state is always what its events say and is rebuilt by applying them again.
 */
public final class Rollouts {

  static final String SHIFT = "shift ";

  /**
   * What the gates of the current step see: the shift's per-cluster outcome (null until it has one
   * for every target cluster), the canary Deployment's health in each of those clusters, the
   * webhook's answer and the measurements of the analysis check that is due (null: none asked, or
   * none yet).
   */
  public record Observation(
      Map<String, ShiftState> shiftOutcome,
      Map<String, Health> canaryHealth,
      WebhookAnswer webhook,
      List<Measurement> analysis) {
    public Observation {
      shiftOutcome = shiftOutcome == null ? null : new TreeMap<>(shiftOutcome);
      canaryHealth = new TreeMap<>(canaryHealth);
      analysis = analysis == null ? null : List.copyOf(analysis);
    }

    /** Without a webhook answer or a check (none asked, or none yet). */
    public Observation(Map<String, ShiftState> shiftOutcome, Map<String, Health> canaryHealth) {
      this(shiftOutcome, canaryHealth, null, null);
    }
  }

  /** What the step's webhook answered: an HTTP status, or 0 with the error when it did not. */
  public record WebhookAnswer(int status, String error) {
    public boolean passed() {
      return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
      return status == 0 ? "no answer (" + error + ")" : "HTTP " + status;
    }
  }

  private Rollouts() {}

  /** The transition due now, if any. */
  public static Optional<RolloutDecision> decide(
      RolloutSpec spec, RolloutState state, Observation seen, Instant now) {
    if (state.status() != Status.RUNNING) {
      return Optional.empty();
    }
    int step = state.step();
    int wave = state.wave();
    switch (state.stage()) {
      case STARTING:
        return Optional.of(
            new StartStep(step, wave, spec.step(step).canaryWeight(), spec.wave(wave)));
      case GATING:
        return gate(spec, state, seen, now);
      case PAUSING:
        RolloutSpec.Step current = spec.step(step);
        if (current.pause() == null || now.isBefore(state.since().plus(current.pause()))) {
          return Optional.empty();
        }
        return Optional.of(
            step + 1 >= spec.steps().size()
                ? new Complete()
                : new StartStep(step + 1, 0, spec.step(step + 1).canaryWeight(), spec.wave(0)));
      default:
        throw new IllegalStateException("unknown stage " + state.stage());
    }
  }

  private static Optional<RolloutDecision> gate(
      RolloutSpec spec, RolloutState state, Observation seen, Instant now) {
    String where = where(spec, state);
    boolean late = !now.isBefore(state.since().plus(spec.stepTimeout()));
    Map<String, ShiftState> outcome = seen.shiftOutcome();
    if (outcome != null) {
      Map<String, ShiftState> notConverged = new TreeMap<>(outcome);
      notConverged.values().removeIf(ShiftState.Converged::equals);
      if (outcome.isEmpty()) {
        return abort(where + ": no cluster holds the VirtualService");
      }
      if (!notConverged.isEmpty()) {
        return abort(where + ": not converged " + notConverged);
      }
    } else {
      return late
          ? abort(where + ": not converged within " + spec.stepTimeout())
          : Optional.empty();
    }
    if (spec.requireCanaryHealthy()) {
      Map<String, Health> notHealthy = new TreeMap<>();
      for (String cluster : outcome.keySet()) {
        Health health = seen.canaryHealth().getOrDefault(cluster, Health.Unknown);
        if (health != Health.Healthy) {
          notHealthy.put(cluster, health);
        }
      }
      String canary = "canary " + spec.canaryDeployment();
      if (notHealthy.containsValue(Health.Unhealthy)) {
        return abort(where + ": " + canary + " unhealthy " + notHealthy);
      }
      if (!notHealthy.isEmpty()) {
        return late
            ? abort(
                where
                    + ": "
                    + canary
                    + " not Healthy within "
                    + spec.stepTimeout()
                    + " "
                    + notHealthy)
            : Optional.empty();
      }
    }
    if (spec.webhook() != null) {
      WebhookAnswer answer = seen.webhook();
      if (answer == null) {
        return late
            ? abort(
                where
                    + ": webhook "
                    + spec.webhook()
                    + " gave no answer within "
                    + spec.stepTimeout())
            : Optional.empty();
      }
      if (!answer.passed()) {
        return abort(where + ": webhook " + spec.webhook() + " answered " + answer);
      }
    }
    if (spec.analysis() != null) {
      return analyse(spec, state, seen, where, now);
    }
    return Optional.of(new CompleteStep(state.step(), state.wave()));
  }

  /**
   * Once the other gates passed: rolled back when a cluster failed the threshold's checks in a row,
   * done when the step's checks passed in a row, else the due check's measurements are counted.
   */
  private static Optional<RolloutDecision> analyse(
      RolloutSpec spec, RolloutState state, Observation seen, String where, Instant now) {
    Analysis analysis = spec.analysis();
    AnalysisTally tally = state.analysis();
    Optional<String> failing = tally.overThreshold(analysis.threshold());
    if (failing.isPresent()) {
      List<Measurement> measurements = tally.failing(failing.get());
      String failed = tally.failedInARow().get(failing.get()) + " failed check(s) in a row";
      return Optional.of(
          new Abort(
              where
                  + ": analysis: "
                  + String.join("; ", measurements.stream().map(Measurement::describe).toList())
                  + " ("
                  + failed
                  + ", threshold "
                  + analysis.threshold()
                  + ")",
              measurements));
    }
    if (tally.passedInARow() >= spec.step(state.step()).checks()) {
      return Optional.of(new CompleteStep(state.step(), state.wave()));
    }
    return seen.analysis() == null || !checkDue(spec, state, now)
        ? Optional.empty()
        : Optional.of(new Analysed(state.step(), state.wave(), seen.analysis()));
  }

  /** Whether the step's next check is due: its other gates are the observation's to say. */
  public static boolean checkDue(RolloutSpec spec, RolloutState state, Instant now) {
    return spec.analysis() != null
        && state.status() == Status.RUNNING
        && state.stage() == Stage.GATING
        && !now.isBefore(state.analysis().nextCheckAt(state.since(), spec.analysis().interval()));
  }

  private static Optional<RolloutDecision> abort(String reason) {
    return Optional.of(new Abort(reason));
  }

  private static String where(RolloutSpec spec, RolloutState state) {
    return "step "
        + state.step()
        + " ("
        + spec.step(state.step()).canaryWeight()
        + "% canary) in wave "
        + state.wave();
  }

  /** Moves on to the next step now, or to 100% canary ({@code full}). */
  public static RolloutDecision promote(RolloutSpec spec, RolloutState state, boolean full) {
    requireNotFinished(state, "promote");
    if (state.status() == Status.PAUSED) {
      throw new RolloutConflictException("the rollout is paused: resume it before promoting");
    }
    int last = spec.steps().size() - 1;
    if (state.step() > last || (!full && state.step() == last && state.stage() == Stage.PAUSING)) {
      throw new RolloutConflictException("the rollout is at its last step already");
    }
    return new Promote(full ? spec.steps().size() : state.step() + 1);
  }

  public static RolloutDecision pause(RolloutState state, String by) {
    requireNotFinished(state, "pause");
    if (state.status() == Status.PAUSED) {
      throw new RolloutConflictException("the rollout is paused already");
    }
    return new Pause(by);
  }

  public static RolloutDecision resume(RolloutState state, String by) {
    requireNotFinished(state, "resume");
    if (state.status() != Status.PAUSED) {
      throw new RolloutConflictException("the rollout is not paused");
    }
    return new Resume(by);
  }

  public static RolloutDecision abort(RolloutState state, String by) {
    requireNotFinished(state, "abort");
    return new Abort("aborted by " + by);
  }

  private static void requireNotFinished(RolloutState state, String command) {
    if (state.status().finished()) {
      throw new RolloutConflictException(
          "cannot " + command + ": the rollout is " + state.status().name().toLowerCase());
    }
  }

  /**
   * The state after an event this rollout published; {@code null} before {@code Started}. {@code
   * measurements} are the event's, as plain values.
   */
  public static RolloutState apply(
      RolloutSpec spec,
      RolloutState state,
      RolloutProgress event,
      List<Measurement> measurements,
      Instant at) {
    switch (event.getPhase()) {
      case Started:
        return RolloutState.started(at);
      case Failed:
        return RolloutState.started(at).finished(Status.REJECTED, event.getMessage());
      default:
        break;
    }
    if (state == null) {
      return null; // its start aged out of the topic: nothing to go on
    }
    int step = event.getStepIndex() == null ? state.step() : event.getStepIndex();
    int wave = event.getWave() == null ? 0 : event.getWave();
    switch (event.getPhase()) {
      case StepStarted:
        return state.at(step, wave, Stage.GATING, shiftId(event.getMessage()), at);
      case StepCompleted:
        return wave + 1 < spec.waveCount()
            ? state.at(step, wave + 1, Stage.STARTING, null, at)
            : state.at(step, wave, Stage.PAUSING, state.shiftId(), at);
      case Promoted:
        return state.at(step, 0, Stage.STARTING, null, at);
      case Paused:
        return state.with(Status.PAUSED);
      case Resumed:
        // The clocks of the step (its timeout, its pause) start again.
        return state.with(Status.RUNNING).restarted(at);
      case Analysed:
        return state.with(state.analysis().record(measurements, at));
      case Aborted:
        return state.finished(Status.ABORTED, event.getMessage());
      case Completed:
        return state.finished(Status.COMPLETED, event.getMessage());
      default:
        return state;
    }
  }

  private static String shiftId(String message) {
    return message != null && message.startsWith(SHIFT)
        ? message.substring(SHIFT.length()).split(" ")[0]
        : null;
  }
}
