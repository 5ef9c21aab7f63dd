package io.kafleet.traffic.api;

import io.kafleet.events.HeaderMatch;
import io.kafleet.events.MetricGate;
import io.kafleet.events.ObjectRef;
import io.kafleet.events.RolloutAnalysis;
import io.kafleet.events.RolloutGates;
import io.kafleet.events.RolloutRequested;
import io.kafleet.events.RolloutStep;
import io.kafleet.events.StringMatch;
import io.kafleet.traffic.InvalidInputException;
import io.kafleet.traffic.fleet.FleetView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Reads the JSON body of {@code POST /api/v1/rollouts} into the same {@code RolloutRequested} a CI
 * pipeline publishes, field for field (the virtualService as {@code {namespace, name}};
 * correlationId optional, a new one when absent). Only the shape is checked here; a field it does
 * not know is refused by name.
 */
final class RolloutRequestReader {

  private static final Set<String> FIELDS =
      Set.of(
          "correlationId",
          "virtualService",
          "routeName",
          "routeIndex",
          "stableSubset",
          "canarySubset",
          "steps",
          "waves",
          "gates",
          "analysis",
          "canaryDeployment",
          "requestedBy");
  private static final Set<String> GATES =
      Set.of("requireConvergence", "requireCanaryHealthy", "webhookUrl", "stepTimeoutSeconds");

  private RolloutRequestReader() {}

  static RolloutRequested read(JsonNode body, Instant now) {
    if (body == null || !body.isObject()) {
      throw new InvalidInputException("", "the request body must be a JSON object");
    }
    refuseUnknown(body, FIELDS, "");
    JsonNode vs = body.path("virtualService");
    if (!vs.isObject()) {
      throw new InvalidInputException(
          "virtualService", "required: an object with namespace and name");
    }
    refuseUnknown(vs, Set.of("namespace", "name"), "virtualService.");
    String correlationId = string(body, "correlationId", false);
    return new RolloutRequested(
        correlationId == null ? UUID.randomUUID().toString() : correlationId,
        new ObjectRef(
            FleetView.ISTIO_GROUP,
            FleetView.VIRTUAL_SERVICE,
            vs.path("namespace").isMissingNode()
                ? "default"
                : string(vs, "namespace", true, "virtualService.namespace"),
            string(vs, "name", true, "virtualService.name")),
        string(body, "routeName", false),
        integer(body.path("routeIndex"), "routeIndex"),
        string(body, "stableSubset", true),
        string(body, "canarySubset", true),
        steps(body.path("steps")),
        waves(body.path("waves")),
        gates(body.path("gates")),
        analysis(body.path("analysis")),
        string(body, "canaryDeployment", false),
        string(body, "requestedBy", true),
        now);
  }

  private static List<RolloutStep> steps(JsonNode steps) {
    if (!steps.isArray()) {
      throw new InvalidInputException("steps", "required: an array of steps");
    }
    List<RolloutStep> read = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      JsonNode step = steps.get(i);
      String at = "steps[" + i + "]";
      if (!step.isObject()) {
        throw new InvalidInputException(at, "must be {\"canaryWeight\", \"pauseSeconds\"}");
      }
      refuseUnknown(
          step, Set.of("canaryWeight", "pauseSeconds", "testMatches", "checks"), at + ".");
      Integer weight = integer(step.path("canaryWeight"), at + ".canaryWeight");
      if (weight == null) {
        throw new InvalidInputException(at + ".canaryWeight", "required");
      }
      JsonNode pause = step.path("pauseSeconds");
      Long seconds = null;
      if (!pause.isMissingNode() && !pause.isNull()) {
        if (!pause.isIntegralNumber()) {
          throw new InvalidInputException(at + ".pauseSeconds", "must be whole seconds, or null");
        }
        seconds = pause.asLong();
      }
      Integer checks = integer(step.path("checks"), at + ".checks");
      read.add(
          new RolloutStep(
              weight,
              seconds,
              testMatches(step.path("testMatches"), at + ".testMatches"),
              checks == null ? 1 : checks));
    }
    return read;
  }

  /** [{"headers": {"x-canary": {"exact": "true"}}}]: Istio's HTTPMatchRequest, headers only. */
  private static List<HeaderMatch> testMatches(JsonNode matches, String field) {
    if (matches.isMissingNode() || matches.isNull()) {
      return List.of();
    }
    if (!matches.isArray()) {
      throw new InvalidInputException(field, "must be an array of {\"headers\": {...}}");
    }
    List<HeaderMatch> read = new ArrayList<>();
    for (int i = 0; i < matches.size(); i++) {
      String at = field + "[" + i + "]";
      JsonNode match = matches.get(i);
      if (!match.isObject() || !match.path("headers").isObject()) {
        throw new InvalidInputException(at + ".headers", "required: an object of header matches");
      }
      refuseUnknown(match, Set.of("headers"), at + ".");
      Map<String, StringMatch> headers = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> header : match.path("headers").properties()) {
        String where = at + ".headers." + header.getKey();
        if (!header.getValue().isObject()) {
          throw new InvalidInputException(where, "must be {\"exact\"|\"prefix\"|\"regex\": value}");
        }
        refuseUnknown(header.getValue(), Set.of("exact", "prefix", "regex"), where + ".");
        headers.put(
            header.getKey(),
            new StringMatch(
                string(header.getValue(), "exact", false, where + ".exact"),
                string(header.getValue(), "prefix", false, where + ".prefix"),
                string(header.getValue(), "regex", false, where + ".regex")));
      }
      read.add(new HeaderMatch(headers));
    }
    return read;
  }

  private static RolloutAnalysis analysis(JsonNode analysis) {
    if (analysis.isMissingNode() || analysis.isNull()) {
      return null;
    }
    if (!analysis.isObject()) {
      throw new InvalidInputException("analysis", "must be an object");
    }
    refuseUnknown(analysis, Set.of("intervalSeconds", "threshold", "metrics"), "analysis.");
    RolloutAnalysis read = new RolloutAnalysis(60L, 5, List.of());
    Integer interval = integer(analysis.path("intervalSeconds"), "analysis.intervalSeconds");
    if (interval != null) {
      read.setIntervalSeconds((long) interval);
    }
    Integer threshold = integer(analysis.path("threshold"), "analysis.threshold");
    if (threshold != null) {
      read.setThreshold(threshold);
    }
    JsonNode metrics = analysis.path("metrics");
    if (!metrics.isMissingNode() && !metrics.isArray()) {
      throw new InvalidInputException("analysis.metrics", "must be an array");
    }
    List<MetricGate> gates = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      String at = "analysis.metrics[" + i + "]";
      JsonNode metric = metrics.get(i);
      if (!metric.isObject()) {
        throw new InvalidInputException(at, "must be an object");
      }
      refuseUnknown(metric, Set.of("name", "query", "min", "max", "windowSeconds"), at + ".");
      Integer window = integer(metric.path("windowSeconds"), at + ".windowSeconds");
      gates.add(
          new MetricGate(
              string(metric, "name", true, at + ".name"),
              string(metric, "query", false, at + ".query"),
              number(metric.path("min"), at + ".min"),
              number(metric.path("max"), at + ".max"),
              window == null ? null : (long) window));
    }
    read.setMetrics(gates);
    return read;
  }

  private static Double number(JsonNode value, String field) {
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw new InvalidInputException(field, "must be a number, got " + value);
    }
    return value.asDouble();
  }

  private static List<List<String>> waves(JsonNode waves) {
    if (waves.isMissingNode() || waves.isNull()) {
      return List.of();
    }
    if (!waves.isArray()) {
      throw new InvalidInputException("waves", "must be an array of arrays of cluster names");
    }
    List<List<String>> read = new ArrayList<>();
    for (int i = 0; i < waves.size(); i++) {
      JsonNode wave = waves.get(i);
      if (!wave.isArray()) {
        throw new InvalidInputException("waves[" + i + "]", "must be an array of cluster names");
      }
      List<String> clusters = new ArrayList<>();
      for (int j = 0; j < wave.size(); j++) {
        if (!wave.get(j).isString()) {
          throw new InvalidInputException("waves[" + i + "][" + j + "]", "must be a cluster name");
        }
        clusters.add(wave.get(j).asString());
      }
      read.add(clusters);
    }
    return read;
  }

  private static RolloutGates gates(JsonNode gates) {
    RolloutGates read = new RolloutGates(true, false, null, 300L);
    if (gates.isMissingNode() || gates.isNull()) {
      return read;
    }
    if (!gates.isObject()) {
      throw new InvalidInputException("gates", "must be an object");
    }
    refuseUnknown(gates, GATES, "gates.");
    read.setRequireConvergence(bool(gates, "requireConvergence", true));
    read.setRequireCanaryHealthy(bool(gates, "requireCanaryHealthy", false));
    read.setWebhookUrl(string(gates, "webhookUrl", false, "gates.webhookUrl"));
    JsonNode timeout = gates.path("stepTimeoutSeconds");
    if (!timeout.isMissingNode()) {
      if (!timeout.isIntegralNumber()) {
        throw new InvalidInputException("gates.stepTimeoutSeconds", "must be whole seconds");
      }
      read.setStepTimeoutSeconds(timeout.asLong());
    }
    return read;
  }

  private static boolean bool(JsonNode node, String property, boolean fallback) {
    JsonNode value = node.path(property);
    if (value.isMissingNode() || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw new InvalidInputException("gates." + property, "must be true or false");
    }
    return value.asBoolean();
  }

  private static Integer integer(JsonNode value, String field) {
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new InvalidInputException(field, "must be a whole number, got " + value);
    }
    return value.asInt();
  }

  private static String string(JsonNode node, String property, boolean required) {
    return string(node, property, required, property);
  }

  private static String string(JsonNode node, String property, boolean required, String field) {
    JsonNode value = node.path(property);
    if (value.isMissingNode() || value.isNull()) {
      if (required) {
        throw new InvalidInputException(field, "required");
      }
      return null;
    }
    if (!value.isString()) {
      throw new InvalidInputException(field, "must be a string, got " + value);
    }
    return value.asString();
  }

  private static void refuseUnknown(JsonNode node, Set<String> known, String at) {
    for (String name : node.propertyNames()) {
      if (!known.contains(name)) {
        throw new InvalidInputException(
            at + name,
            "is not a field traffic-service supports (known: "
                + String.join(", ", known.stream().sorted().toList())
                + ")");
      }
    }
  }
}
