package io.kafleet.placement.input;

import io.kafleet.events.HeaderMatch;
import io.kafleet.events.MetricGate;
import io.kafleet.events.ObjectRef;
import io.kafleet.events.RolloutAnalysis;
import io.kafleet.events.RolloutGates;
import io.kafleet.events.RolloutRequested;
import io.kafleet.events.RolloutStep;
import io.kafleet.events.StringMatch;
import io.kafleet.schemas.ObjectKey;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kafleet rollout a Flagger Canary asks for (see {@link FlaggerCanaryReader}): which
 * VirtualService it shifts between which subsets, in which steps, gated by what. Each generation of
 * the Canary asks for it once, under an id made of the Canary and that generation, so that reading
 * the request again is the same rollout.
 *
 * @param canary the Canary's key
 * @param virtualService the VirtualService's name, in the Canary's namespace
 * @param canaryDeployment the Deployment whose health gates each step, in the same namespace
 * @param webhookUrl null when the Canary has no rollout webhook
 */
public record CanaryRollout(
    ObjectKey canary,
    String virtualService,
    String stableSubset,
    String canarySubset,
    String canaryDeployment,
    long stepTimeoutSeconds,
    String webhookUrl,
    List<Step> steps,
    Analysis analysis) {

  public CanaryRollout {
    steps = List.copyOf(steps);
  }

  /**
   * One step: the canary's weight, the header matches that reach the canary whatever the weights
   * (an A/B test step), and the passing checks it needs.
   */
  public record Step(int canaryWeight, List<Map<String, HeaderValue>> testMatches, int checks) {
    public Step {
      testMatches =
          testMatches.stream()
              .map(m -> Collections.unmodifiableMap(new LinkedHashMap<>(m)))
              .toList();
    }

    static Step weight(int canaryWeight) {
      return new Step(canaryWeight, List.of(), 1);
    }
  }

  /** How one header must match, as Istio's StringMatch. */
  public record HeaderValue(How how, String value) {
    public enum How {
      exact,
      prefix,
      regex
    }
  }

  /**
   * @param query null for a built-in metric
   * @param min null when unbounded below
   * @param max null when unbounded above
   */
  public record Metric(String name, String query, Double min, Double max, long windowSeconds) {}

  public record Analysis(long intervalSeconds, int threshold, List<Metric> metrics) {
    public Analysis {
      metrics = List.copyOf(metrics);
    }
  }

  /**
   * {@code canary.<namespace>.<name>.<generation>}: the same for every reading of a generation, and
   * never another Canary's (a namespace holds no dot).
   */
  public String correlationId(long generation) {
    return "canary." + canary.namespace() + "." + canary.name() + "." + generation;
  }

  /** The request the Canary's generation makes, as applied by {@code requestedBy}. */
  public RolloutRequested request(long generation, String requestedBy, Instant requestedAt) {
    return RolloutRequested.newBuilder()
        .setCorrelationId(correlationId(generation))
        .setVirtualService(
            new ObjectRef(
                "networking.istio.io", "VirtualService", canary.namespace(), virtualService))
        .setRouteName(null)
        .setRouteIndex(null)
        .setStableSubset(stableSubset)
        .setCanarySubset(canarySubset)
        .setSteps(steps.stream().map(CanaryRollout::step).toList())
        .setWaves(List.of())
        .setGates(
            RolloutGates.newBuilder()
                .setRequireConvergence(true)
                .setRequireCanaryHealthy(true)
                .setWebhookUrl(webhookUrl)
                .setStepTimeoutSeconds(stepTimeoutSeconds)
                .build())
        .setAnalysis(
            RolloutAnalysis.newBuilder()
                .setIntervalSeconds(analysis.intervalSeconds())
                .setThreshold(analysis.threshold())
                .setMetrics(analysis.metrics().stream().map(CanaryRollout::metric).toList())
                .build())
        .setCanaryDeployment(canaryDeployment)
        .setRequestedBy(requestedBy)
        .setRequestedAt(requestedAt)
        .build();
  }

  private static RolloutStep step(Step step) {
    return RolloutStep.newBuilder()
        .setCanaryWeight(step.canaryWeight())
        .setPauseSeconds(0L)
        .setTestMatches(step.testMatches().stream().map(CanaryRollout::headerMatch).toList())
        .setChecks(step.checks())
        .build();
  }

  private static HeaderMatch headerMatch(Map<String, HeaderValue> headers) {
    Map<String, StringMatch> matches = new LinkedHashMap<>();
    headers.forEach(
        (header, value) -> {
          StringMatch match = new StringMatch(null, null, null);
          switch (value.how()) {
            case exact -> match.setExact(value.value());
            case prefix -> match.setPrefix(value.value());
            case regex -> match.setRegex(value.value());
          }
          matches.put(header, match);
        });
    return new HeaderMatch(matches);
  }

  private static MetricGate metric(Metric metric) {
    return new MetricGate(
        metric.name(), metric.query(), metric.min(), metric.max(), metric.windowSeconds());
  }
}
