package io.kafleet.traffic.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.kafleet.events.HeaderMatch;
import io.kafleet.events.StringMatch;
import io.kafleet.traffic.analysis.Analysis;
import io.kafleet.traffic.analysis.Measurement;
import io.kafleet.traffic.rollouts.RolloutBook;
import io.kafleet.traffic.rollouts.RolloutSpec;
import io.kafleet.traffic.rollouts.RolloutState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
      @JsonInclude(JsonInclude.Include.NON_NULL) AnalysisView analysis,
      String canaryDeployment,
      String requestedBy,
      String requestedAt) {

    static Asked of(RolloutSpec spec, int step) {
      return new Asked(
          spec.virtualService().toString(),
          spec.stableSubset(),
          spec.canarySubset(),
          spec.step(step).canaryWeight(),
          spec.steps().stream().map(Step::of).toList(),
          spec.waves(),
          new Gates(
              spec.requireCanaryHealthy(),
              spec.webhook() == null ? null : spec.webhook().toString(),
              spec.stepTimeout() == null ? null : spec.stepTimeout().toSeconds()),
          spec.analysis() == null ? null : AnalysisView.of(spec.analysis()),
          spec.canaryDeployment().name(),
          spec.requestedBy(),
          spec.requestedAt().toString());
    }
  }

  /**
   * @param pauseSeconds null: the step waits for a promotion
   * @param testMatches per match, each header's {@code {"exact"|"prefix"|"regex": value}}
   */
  public record Step(
      int canaryWeight,
      Long pauseSeconds,
      @JsonInclude(JsonInclude.Include.NON_EMPTY)
          List<Map<String, Map<String, String>>> testMatches,
      int checks) {

    static Step of(RolloutSpec.Step step) {
      return new Step(
          step.canaryWeight(),
          step.pause() == null ? null : step.pause().toSeconds(),
          step.testMatches().stream().map(Step::headers).toList(),
          step.checks());
    }

    private static Map<String, Map<String, String>> headers(HeaderMatch match) {
      Map<String, Map<String, String>> headers = new LinkedHashMap<>();
      match.getHeaders().forEach((name, value) -> headers.put(name, stringMatch(value)));
      return headers;
    }

    private static Map<String, String> stringMatch(StringMatch match) {
      Map<String, String> view = new LinkedHashMap<>();
      if (match.getExact() != null) {
        view.put("exact", match.getExact());
      }
      if (match.getPrefix() != null) {
        view.put("prefix", match.getPrefix());
      }
      if (match.getRegex() != null) {
        view.put("regex", match.getRegex());
      }
      return view;
    }
  }

  /** The metric checks asked: every interval, rolled back after threshold failures in a row. */
  public record AnalysisView(long intervalSeconds, int threshold, List<Metric> metrics) {
    static AnalysisView of(Analysis analysis) {
      return new AnalysisView(
          analysis.interval().toSeconds(),
          analysis.threshold(),
          analysis.metrics().stream()
              .map(m -> new Metric(m.name(), m.query(), m.min(), m.max(), m.window().toSeconds()))
              .toList());
    }
  }

  /**
   * @param query null for a built-in
   */
  public record Metric(String name, String query, Double min, Double max, long windowSeconds) {}

  public record Gates(boolean requireCanaryHealthy, String webhookUrl, Long stepTimeoutSeconds) {}

  /** One phase the rollout passed, with an analysis check's measurements. */
  public record Passed(
      String phase,
      int step,
      int wave,
      String at,
      String message,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<MeasurementView> measurements) {}

  /** One metric of one check in one cluster, and whether it was in its range. */
  public record MeasurementView(
      String cluster,
      String metric,
      Double value,
      Double min,
      Double max,
      String error,
      boolean passed) {
    static MeasurementView of(Measurement m) {
      return new MeasurementView(
          m.cluster(), m.metric(), m.value(), m.min(), m.max(), m.error(), m.passed());
    }
  }

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
                        entry.message(),
                        entry.measurements().stream().map(MeasurementView::of).toList()))
            .toList());
  }
}
