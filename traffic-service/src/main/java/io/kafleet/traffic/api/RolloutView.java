package io.kafleet.traffic.api;

import com.fasterxml.jackson.annotation.JsonInclude;
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
    @JsonInclude(JsonInclude.Include.NON_NULL) String virtualService,
    @JsonInclude(JsonInclude.Include.NON_NULL) String stableSubset,
    @JsonInclude(JsonInclude.Include.NON_NULL) String canarySubset,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer canaryWeight,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Step> steps,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<List<String>> waves,
    @JsonInclude(JsonInclude.Include.NON_NULL) Gates gates,
    @JsonInclude(JsonInclude.Include.NON_NULL) String requestedBy,
    @JsonInclude(JsonInclude.Include.NON_NULL) String requestedAt,
    List<Passed> history) {

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
    List<Passed> history =
        rollout.history().stream()
            .map(
                entry ->
                    new Passed(
                        entry.phase().name(),
                        entry.step(),
                        entry.wave(),
                        entry.at().toString(),
                        entry.message()))
            .toList();
    if (spec == null) {
      return new RolloutView(
          rollout.id(),
          state.status().name(),
          state.step(),
          state.wave(),
          state.stage().name(),
          state.shiftId(),
          state.since().toString(),
          state.message(),
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          history);
    }
    return new RolloutView(
        rollout.id(),
        state.status().name(),
        state.step(),
        state.wave(),
        state.stage().name(),
        state.shiftId(),
        state.since().toString(),
        state.message(),
        spec.virtualService().toString(),
        spec.stableSubset(),
        spec.canarySubset(),
        spec.step(state.step()).canaryWeight(),
        spec.steps().stream()
            .map(s -> new Step(s.canaryWeight(), s.pause() == null ? null : s.pause().toSeconds()))
            .toList(),
        spec.waves(),
        new Gates(
            spec.requireCanaryHealthy(),
            spec.webhook() == null ? null : spec.webhook().toString(),
            spec.stepTimeout() == null ? null : spec.stepTimeout().toSeconds()),
        spec.requestedBy(),
        spec.requestedAt().toString(),
        history);
  }
}
