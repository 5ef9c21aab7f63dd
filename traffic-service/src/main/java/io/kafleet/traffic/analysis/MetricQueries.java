package io.kafleet.traffic.analysis;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL a metric gate asks in one cluster, pure. A query is a template with the variables
 * {@code {{ namespace }}} (the VirtualService's), {@code {{ target }}} (the canary Deployment),
 * {@code {{ cluster }}} and {@code {{ interval }}} (the gate's window, as {@code 60s}), as Flagger
 * writes them. The built-ins are Flagger's Istio queries, scoped to the cluster by {@code {{
 * clusterMatcher }}}: the cluster label where one Prometheus serves every cluster, nothing where
 * the cluster has its own.
 */
public final class MetricQueries {

  public static final String REQUEST_SUCCESS_RATE = "request-success-rate";
  public static final String REQUEST_DURATION = "request-duration";

  private static final String SELECTOR =
      "reporter=\"destination\",destination_workload_namespace=\"{{ namespace }}\","
          + "destination_workload=~\"{{ target }}\"{{ clusterMatcher }}";

  private static final Map<String, String> BUILT_IN =
      Map.of(
          REQUEST_SUCCESS_RATE,
          "sum(rate(istio_requests_total{"
              + SELECTOR
              + ",response_code!~\"5.*\"}[{{ interval }}])) / sum(rate(istio_requests_total{"
              + SELECTOR
              + "}[{{ interval }}])) * 100",
          REQUEST_DURATION,
          "histogram_quantile(0.99, sum(rate(istio_request_duration_milliseconds_bucket{"
              + SELECTOR
              + "}[{{ interval }}])) by (le))");

  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z]+)\\s*}}");

  /** Where a query is asked: the cluster, and the label naming it on a shared Prometheus. */
  public record Scope(String namespace, String target, String cluster, String clusterLabel) {}

  private MetricQueries() {}

  public static boolean isBuiltIn(String name) {
    return BUILT_IN.containsKey(name);
  }

  /** The names a template may use; anything else in {{ }} is an error. */
  public static Optional<String> unknownVariable(String query) {
    Matcher matcher = VARIABLE.matcher(query);
    while (matcher.find()) {
      if (value(matcher.group(1), new Scope("", "", "", null), Duration.ZERO) == null) {
        return Optional.of(matcher.group(1));
      }
    }
    return Optional.empty();
  }

  /** The PromQL for {@code gate} in {@code scope}. */
  public static String render(Analysis.MetricGate gate, Scope scope) {
    String template = gate.query() != null ? gate.query() : BUILT_IN.get(gate.name());
    if (template == null) {
      throw new IllegalArgumentException(gate.name() + " is no built-in and has no query");
    }
    Matcher matcher = VARIABLE.matcher(template);
    StringBuilder query = new StringBuilder();
    while (matcher.find()) {
      String value = value(matcher.group(1), scope, gate.window());
      matcher.appendReplacement(
          query, Matcher.quoteReplacement(value == null ? matcher.group() : value));
    }
    matcher.appendTail(query);
    return query.toString();
  }

  private static String value(String variable, Scope scope, Duration window) {
    return switch (variable) {
      case "namespace" -> scope.namespace();
      case "target" -> scope.target();
      case "cluster" -> scope.cluster();
      case "interval" -> window.toSeconds() + "s";
      case "clusterMatcher" ->
          scope.clusterLabel() == null
              ? ""
              : "," + scope.clusterLabel() + "=\"" + scope.cluster() + "\"";
      default -> null;
    };
  }
}
