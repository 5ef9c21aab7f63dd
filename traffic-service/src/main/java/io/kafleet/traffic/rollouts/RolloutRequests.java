package io.kafleet.traffic.rollouts;

import io.kafleet.events.MetricGate;
import io.kafleet.events.ObjectRef;
import io.kafleet.events.RolloutAnalysis;
import io.kafleet.events.RolloutGates;
import io.kafleet.events.RolloutRequested;
import io.kafleet.events.RolloutStep;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.schemas.Topics;
import io.kafleet.traffic.analysis.Analysis;
import io.kafleet.traffic.analysis.MetricQueries;
import io.kafleet.traffic.fleet.FleetView;
import io.kafleet.traffic.fleet.ObjectKeys;
import io.kafleet.traffic.shifts.ShiftPlanning;
import io.kafleet.validation.KubernetesNames;
import io.kafleet.validation.RouteSelector;
import io.kafleet.validation.Violation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@code RolloutRequested} (from the API or from a CI pipeline's event) checked on its own terms
 * and made a {@link RolloutSpec}. Whether the VirtualService, its route and subsets exist is the
 * shift validation's to say, against the fleet.
 */
public final class RolloutRequests {

  private RolloutRequests() {}

  /** Every violation of the request on its own terms, fields named as in the schema. */
  public static List<Violation> check(RolloutRequested request) {
    List<Violation> violations = new ArrayList<>();
    blank(violations, request.getCorrelationId(), "correlationId");
    blank(violations, request.getRequestedBy(), "requestedBy");
    ObjectRef vs = request.getVirtualService();
    if (!FleetView.ISTIO_GROUP.equals(vs.getGroup())
        || !FleetView.VIRTUAL_SERVICE.equals(vs.getKind())) {
      violations.add(
          new Violation(
              "virtualService",
              "must be a networking.istio.io VirtualService, not " + vs.getKind()));
    }
    if (request.getRouteName() != null && request.getRouteIndex() != null) {
      violations.add(new Violation("routeIndex", "give a routeName or a routeIndex, not both"));
    } else if (request.getRouteIndex() != null && request.getRouteIndex() < 0) {
      violations.add(new Violation("routeIndex", "must be 0 or more"));
    }
    blank(violations, request.getStableSubset(), "stableSubset");
    blank(violations, request.getCanarySubset(), "canarySubset");
    if (request.getStableSubset().equals(request.getCanarySubset())) {
      violations.add(new Violation("canarySubset", "must differ from the stable subset"));
    }
    steps(violations, request.getSteps());
    waves(violations, request.getWaves());
    RolloutGates gates = request.getGates();
    if (!gates.getRequireConvergence()) {
      violations.add(
          new Violation(
              "gates.requireConvergence",
              "kafleet always waits for every target cluster to converge; false is not supported"));
    }
    if (gates.getWebhookUrl() != null && webhook(gates.getWebhookUrl()) == null) {
      violations.add(
          new Violation(
              "gates.webhookUrl", "'" + gates.getWebhookUrl() + "' is not an http(s) URL"));
    }
    if (gates.getStepTimeoutSeconds() <= 0) {
      violations.add(new Violation("gates.stepTimeoutSeconds", "must be more than 0"));
    }
    if (request.getAnalysis() != null) {
      analysis(violations, request.getAnalysis());
    }
    if (request.getCanaryDeployment() != null) {
      KubernetesNames.dns1123Subdomain(request.getCanaryDeployment())
          .forEach(problem -> violations.add(new Violation("canaryDeployment", problem)));
    }
    return violations;
  }

  private static void analysis(List<Violation> violations, RolloutAnalysis analysis) {
    if (analysis.getIntervalSeconds() <= 0) {
      violations.add(new Violation("analysis.intervalSeconds", "must be more than 0"));
    }
    if (analysis.getThreshold() < 1) {
      violations.add(new Violation("analysis.threshold", "must be 1 or more"));
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < analysis.getMetrics().size(); i++) {
      MetricGate metric = analysis.getMetrics().get(i);
      String field = "analysis.metrics[" + i + "]";
      if (metric.getName().isBlank()) {
        violations.add(new Violation(field + ".name", "is required"));
      } else if (!names.add(metric.getName())) {
        violations.add(new Violation(field + ".name", metric.getName() + " is named twice"));
      }
      if (metric.getQuery() == null && !MetricQueries.isBuiltIn(metric.getName())) {
        violations.add(
            new Violation(
                field + ".query",
                "is required: '"
                    + metric.getName()
                    + "' is not a built-in ("
                    + MetricQueries.REQUEST_SUCCESS_RATE
                    + ", "
                    + MetricQueries.REQUEST_DURATION
                    + ")"));
      } else if (metric.getQuery() != null) {
        MetricQueries.unknownVariable(metric.getQuery())
            .ifPresent(
                name ->
                    violations.add(
                        new Violation(
                            field + ".query",
                            "{{ "
                                + name
                                + " }} is not a variable (namespace, target, cluster,"
                                + " interval)")));
      }
      if (metric.getMin() == null && metric.getMax() == null) {
        violations.add(new Violation(field, "needs a min or a max (its threshold range)"));
      } else if (metric.getMin() != null
          && metric.getMax() != null
          && metric.getMin() > metric.getMax()) {
        violations.add(new Violation(field + ".min", "is above max"));
      }
      if (metric.getWindowSeconds() != null && metric.getWindowSeconds() <= 0) {
        violations.add(new Violation(field + ".windowSeconds", "must be more than 0"));
      }
    }
  }

  private static void steps(List<Violation> violations, List<RolloutStep> steps) {
    if (steps.isEmpty()) {
      violations.add(new Violation("steps", "a rollout needs at least one step"));
    }
    int previous = -1;
    for (int i = 0; i < steps.size(); i++) {
      int weight = steps.get(i).getCanaryWeight();
      String field = "steps[" + i + "].canaryWeight";
      if (weight < 0 || weight > 100) {
        violations.add(new Violation(field, "must be 0..100, not " + weight));
      } else if (weight <= previous) {
        violations.add(
            new Violation(field, weight + " must be above the previous step's " + previous));
      }
      previous = Math.max(previous, weight);
      Long pause = steps.get(i).getPauseSeconds();
      if (pause != null && pause < 0) {
        violations.add(
            new Violation(
                "steps[" + i + "].pauseSeconds", "must be 0 or more (null: until promoted)"));
      }
      violations.addAll(
          ShiftPlanning.testMatchViolations(
              "steps[" + i + "].testMatches", steps.get(i).getTestMatches()));
      if (steps.get(i).getChecks() < 1) {
        violations.add(new Violation("steps[" + i + "].checks", "must be 1 or more"));
      }
    }
  }

  private static void waves(List<Violation> violations, List<List<String>> waves) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < waves.size(); i++) {
      if (waves.get(i).isEmpty()) {
        violations.add(new Violation("waves[" + i + "]", "a wave needs at least one cluster"));
      }
      for (int j = 0; j < waves.get(i).size(); j++) {
        String cluster = waves.get(i).get(j);
        String field = "waves[" + i + "][" + j + "]";
        if (!Topics.isValidClusterName(cluster)) {
          violations.add(new Violation(field, "'" + cluster + "' is not a cluster name"));
        } else if (!seen.add(cluster)) {
          violations.add(new Violation(field, cluster + " is in an earlier wave already"));
        }
      }
    }
  }

  private static void blank(List<Violation> violations, CharSequence value, String field) {
    if (value == null || value.toString().isBlank()) {
      violations.add(new Violation(field, "is required"));
    }
  }

  /**
   * The rollout the request asks for; call after {@link #check} found nothing. The canary
   * Deployment, unless the request names it, is {@code <virtualService>-<canarySubset>} in the
   * VirtualService's namespace (podinfo's green subset: {@code podinfo-green}).
   */
  public static RolloutSpec spec(RolloutRequested request) {
    ObjectRef vs = request.getVirtualService();
    ObjectKey key = ObjectKeys.virtualService(vs.getNamespace(), vs.getName());
    RouteSelector route =
        request.getRouteName() != null
            ? new RouteSelector.ByName(request.getRouteName())
            : new RouteSelector.ByIndex(
                request.getRouteIndex() == null ? 0 : request.getRouteIndex());
    List<RolloutSpec.Step> steps =
        request.getSteps().stream()
            .map(
                s ->
                    new RolloutSpec.Step(
                        s.getCanaryWeight(),
                        s.getPauseSeconds() == null
                            ? null
                            : Duration.ofSeconds(s.getPauseSeconds()),
                        s.getTestMatches(),
                        s.getChecks()))
            .toList();
    return new RolloutSpec(
        request.getCorrelationId(),
        key,
        route,
        request.getStableSubset(),
        request.getCanarySubset(),
        steps,
        request.getWaves(),
        request.getGates().getRequireCanaryHealthy(),
        Duration.ofSeconds(request.getGates().getStepTimeoutSeconds()),
        request.getGates().getWebhookUrl() == null
            ? null
            : webhook(request.getGates().getWebhookUrl()),
        request.getAnalysis() == null ? null : analysis(request.getAnalysis()),
        new ObjectKey(
            "apps",
            "Deployment",
            vs.getNamespace(),
            request.getCanaryDeployment() != null
                ? request.getCanaryDeployment()
                : vs.getName() + "-" + request.getCanarySubset()),
        request.getRequestedBy(),
        request.getRequestedAt());
  }

  private static Analysis analysis(RolloutAnalysis analysis) {
    Duration interval = Duration.ofSeconds(analysis.getIntervalSeconds());
    return new Analysis(
        interval,
        analysis.getThreshold(),
        analysis.getMetrics().stream()
            .map(
                m ->
                    new Analysis.MetricGate(
                        m.getName(),
                        m.getQuery(),
                        m.getMin(),
                        m.getMax(),
                        m.getWindowSeconds() == null
                            ? interval
                            : Duration.ofSeconds(m.getWindowSeconds())))
            .toList());
  }

  /** The webhook's address, or null when it is not an absolute http(s) URL. */
  private static URI webhook(String url) {
    try {
      URI uri = new URI(url);
      return uri.getHost() != null
              && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          ? uri
          : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
