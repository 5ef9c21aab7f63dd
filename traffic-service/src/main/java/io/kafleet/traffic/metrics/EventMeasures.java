package io.kafleet.traffic.metrics;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.RolloutProgress;
import io.kafleet.events.ShiftCompleted;
import io.kafleet.events.ShiftProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the traffic metrics take from the fleet events of one committed decision, using the events'
 * own timestamps:
 *
 * <ul>
 *   <li>each {@code ShiftCompleted} ends a shift with an {@link ShiftOutcome}; when every cluster
 *       converged, its convergence is from the shift's command ({@code requestedAt}, carried by
 *       every {@code ShiftProgress}) to the completion, which is decided in the same pass as the
 *       last cluster's {@code Converged} and so committed with it. A shift whose outcome changes
 *       later (a timed-out cluster converging after all) ends again, under its new outcome;
 *   <li>each {@code StepCompleted} ends the step and wave its rollout's {@code StepStarted} began.
 * </ul>
 *
 * Only this instance's committed events are measured, each once; the events a term reads back at
 * its start are not, so a restart or a takeover counts nothing again. A step started by a former
 * leader is not measured by the one that completes it. Plain data; the owner serialises access.
 */
final class EventMeasures {

  /** What one event measured. */
  sealed interface Measure permits ShiftEnded, StepEnded {}

  /**
   * @param convergence from the command to the last cluster converging; null unless all did
   */
  record ShiftEnded(String shiftId, ShiftOutcome outcome, Duration convergence) implements Measure {
    ShiftEnded {
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  record StepEnded(String rolloutId, int step, int wave, Duration took) implements Measure {}

  private record StepStart(int step, int wave, Instant at) {}

  private final Map<String, StepStart> stepStarts = new HashMap<>();

  /** The measures of one decision's events, committed together, in their order. */
  List<Measure> take(List<FleetEvent> committed) {
    Map<String, Instant> requestedAt = new HashMap<>();
    List<Measure> measures = new ArrayList<>();
    for (FleetEvent event : committed) {
      Object payload = event.getPayload();
      if (payload instanceof ShiftProgress progress) {
        requestedAt.put(progress.getShiftId(), progress.getRequestedAt());
      } else if (payload instanceof ShiftCompleted completed) {
        ShiftOutcome outcome = ShiftOutcome.of(completed);
        Instant asked = requestedAt.get(completed.getShiftId());
        Duration convergence =
            outcome == ShiftOutcome.COMPLETED && asked != null
                ? nonNegative(Duration.between(asked, event.getOccurredAt()))
                : null;
        measures.add(new ShiftEnded(completed.getShiftId(), outcome, convergence));
      } else if (payload instanceof RolloutProgress progress) {
        rollout(progress, event.getOccurredAt()).ifPresent(measures::add);
      }
    }
    return measures;
  }

  private Optional<Measure> rollout(RolloutProgress progress, Instant at) {
    String id = progress.getRolloutId();
    switch (progress.getPhase()) {
      case StepStarted -> stepStarts.put(id, new StepStart(step(progress), wave(progress), at));
      case StepCompleted -> {
        StepStart start = stepStarts.get(id);
        if (start != null && start.step() == step(progress) && start.wave() == wave(progress)) {
          stepStarts.remove(id);
          return Optional.of(
              new StepEnded(
                  id, start.step(), start.wave(), nonNegative(Duration.between(start.at(), at))));
        }
      }
      case Completed, Aborted, Failed -> stepStarts.remove(id);
      default -> {}
    }
    return Optional.empty();
  }

  private static int step(RolloutProgress progress) {
    return progress.getStepIndex() == null ? -1 : progress.getStepIndex();
  }

  private static int wave(RolloutProgress progress) {
    return progress.getWave() == null ? 0 : progress.getWave();
  }

  /** Instances' clocks differ: a command stamped by a former leader may look later than now. */
  private static Duration nonNegative(Duration duration) {
    return duration.isNegative() ? Duration.ZERO : duration;
  }
}
