package io.kafleet.traffic.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.kafleet.traffic.rollouts.RolloutBook;
import io.kafleet.traffic.rollouts.RolloutSpec;
import io.kafleet.traffic.rollouts.RolloutState;
import java.util.List;

/**
 * A rollout as the API shows it: where it stands; what was asked (absent for a request refused
 * before it could be read); and every phase it passed.
 */
public record RolloutView(
    String rolloutId,
    String status,
    int step,
    int wave,
    String stage,
    String shiftId,
    String since,
    String message,
    @JsonUnwrapped Asked asked,
    List<Passed> history) {

  /** What the request asked; null for a request refused before it could be read. */
  public record Asked(
      String virtualService,
      String stableSubset,
      String canarySubset,
      int canaryWeight,
      List<Step> steps,
      List<List<String>> waves,
      Gates gates,
      String requestedBy,
      String requestedAt) {

    static Asked of(RolloutSpec spec, int step) {
      return new Asked(
          spec.virtualService().toString(),
          spec.stableSubset(),
          spec.canarySubset(),
          spec.step(step).canaryWeight(),
          spec.steps().stream()
              .map(
                  s -> new Step(s.canaryWeight(), s.pause() == null ? null : s.pause().toSeconds()))
              .toList(),
          spec.waves(),
          new Gates(
              spec.requireCanaryHealthy(),
              spec.webhook() == null ? null : spec.webhook().toString(),
              spec.stepTimeout() == null ? null : spec.stepTimeout().toSeconds()),
          spec.requestedBy(),
          spec.requestedAt().toString());
    }
  }

  /**
   * @param pauseSeconds null: the step waits for a promotion
   */
  public record Step(int canaryWeight, Long pauseSeconds) {}

  public record Gates(boolean requireCanaryHealthy, String webhookUrl, Long stepTimeoutSeconds) {}

  /** One phase the rollout passed. */
  public record Passed(String phase, int step, int wave, String at, String message) {}

  static RolloutView of(RolloutBook.Tracked rollout) {
    RolloutState state = rollout.state();
    RolloutSpec spec = rollout.spec();
    return new RolloutView(
        rollout.id(),
        state.status().name(),
        state.step(),
        state.wave(),
        state.stage().name(),
        state.shiftId(),
        state.since().toString(),
        state.message(),
        spec == null ? null : Asked.of(spec, state.step()),
        rollout.history().stream()
            .map(
                entry ->
                    new Passed(
                        entry.phase().name(),
                        entry.step(),
                        entry.wave(),
                        entry.at().toString(),
                        entry.message()))
            .toList());
  }
}
