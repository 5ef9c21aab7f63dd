package io.kafleet.placement.input;

import io.kafleet.placement.input.CanaryRollout.Analysis;
import io.kafleet.placement.input.CanaryRollout.HeaderValue;
import io.kafleet.placement.input.CanaryRollout.Metric;
import io.kafleet.placement.input.CanaryRollout.Step;
import io.kafleet.schemas.ObjectKey;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Flagger {@code flagger.app/v1beta1} Canary for Istio as the kafleet rollout it asks for
 * ({@link CanaryRollout}): the VirtualService applied to the fleet is shifted between the stable
 * and the canary subsets in Flagger's steps, each gated by the canary Deployment's health and
 * Flagger's analysis. Flagger's defaults hold where the Canary says nothing (a progress deadline of
 * 600 s, an interval of 1m, a threshold of 1, a metric window of 1m, a maxWeight of 100).
 *
 * <p>What Flagger does that kafleet does not (generate its own VirtualService, other providers,
 * other webhook types, Blue/Green, MetricTemplates) is refused by field path, with why.
 */
public final class FlaggerCanaryReader {

  public static final String API_VERSION = "flagger.app/v1beta1";
  public static final String GROUP = "flagger.app/";
  public static final String KIND = "Canary";

  /** The annotations that name the VirtualService's subsets; Flagger's names by default. */
  public static final String STABLE_SUBSET = "rollout.kafleet.io/stable-subset";

  public static final String CANARY_SUBSET = "rollout.kafleet.io/canary-subset";

  static final String DEFAULT_STABLE_SUBSET = "primary";
  static final String DEFAULT_CANARY_SUBSET = "canary";
  static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;
  static final long DEFAULT_INTERVAL_SECONDS = 60;
  static final long MIN_INTERVAL_SECONDS = 10;
  static final int DEFAULT_THRESHOLD = 1;
  static final long DEFAULT_METRIC_WINDOW_SECONDS = 60;
  static final int DEFAULT_MAX_WEIGHT = 100;
  static final Set<String> BUILT_IN_METRICS = Set.of("request-success-rate", "request-duration");

  private static final String ISTIO_ONLY = "; kafleet shifts Istio VirtualServices";
  private static final Map<String, String> SPEC_REFUSED =
      Map.of(
          "ingressRef", "belongs to Flagger's NGINX provider" + ISTIO_ONLY,
          "routeRef", "belongs to Flagger's APISIX provider" + ISTIO_ONLY,
          "upstreamRef", "belongs to Flagger's Gloo provider" + ISTIO_ONLY,
          "canaryAnalysis", "is Flagger's deprecated name of spec.analysis: rename it analysis",
          "autoscalerRef",
              "is not supported yet: Flagger makes a primary autoscaler from it, and kafleet makes"
                  + " no primary workload (the stable subset's Deployment is the fleet's own)",
          "metricsServer",
              "is not supported yet: kafleet's analysis queries the Prometheus traffic-service is"
                  + " configured with");
  private static final String GENERATED_VIRTUAL_SERVICE =
      "configures the VirtualService Flagger generates; kafleet shifts the VirtualService"
          + " applied to the fleet: set it there";
  private static final Map<String, String> SERVICE_REFUSED = serviceRefused();
  private static final Map<String, String> ANALYSIS_REFUSED =
      Map.of(
          "stepWeightPromotion", "is not supported yet: kafleet promotes in one step, to 100",
          "mirror", "is not supported yet: kafleet does not mirror traffic",
          "mirrorWeight", "is not supported yet: kafleet does not mirror traffic",
          "primaryReadyThreshold",
              "is not supported yet: kafleet gates each step on the whole canary Deployment's"
                  + " health",
          "canaryReadyThreshold",
              "is not supported yet: kafleet gates each step on the whole canary Deployment's"
                  + " health",
          "alerts",
              "is not supported yet: follow the rollout's RolloutProgress events on"
                  + " kafleet.traffic.events",
          "sessionAffinity", "is not supported yet: kafleet shifts traffic by weight only");
  private static final String HEADERS_ONLY =
      "is not supported yet: kafleet's test routes match requests by their headers only";
  private static final Set<String> MATCH_NOT_HEADERS =
      Set.of(
          "uri",
          "scheme",
          "method",
          "authority",
          "port",
          "sourceLabels",
          "gateways",
          "queryParams",
          "ignoreUriCase",
          "withoutHeaders",
          "sourceNamespace",
          "name",
          "statPrefix");
  private static final Set<String> OTHER_WEBHOOK_TYPES =
      Set.of(
          "pre-rollout",
          "post-rollout",
          "confirm-rollout",
          "confirm-promotion",
          "event",
          "rollback",
          "confirm-traffic-increase");
  private static final Pattern DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

  private FlaggerCanaryReader() {}

  public static boolean isCanary(JsonNode document) {
    return API_VERSION.equals(document.path("apiVersion").asString(""))
        && KIND.equals(document.path("kind").asString(""));
  }

  public static Submission.Canary submission(JsonNode document) {
    return new Submission.Canary(read(document), document);
  }

  public static CanaryRollout read(JsonNode document) {
    Fields metadata = Fields.of(document.get("metadata"), "metadata", KIND);
    String namespace = KarmadaPolicyReader.defaultNamespace(metadata.text("namespace"));
    ObjectKey id = ObjectKey.of(API_VERSION, KIND, namespace, metadata.requiredText("name"));
    Fields annotations = metadata.object("annotations");
    String stable = subset(annotations, STABLE_SUBSET, DEFAULT_STABLE_SUBSET);
    String canary = subset(annotations, CANARY_SUBSET, DEFAULT_CANARY_SUBSET);
    if (stable.equals(canary)) {
      throw new InvalidInputException(
          annotations.at(CANARY_SUBSET), "'" + canary + "' must differ from the stable subset");
    }

    Fields spec =
        Fields.of(document.get("spec"), "spec", KIND)
            .refuse(SPEC_REFUSED)
            .allow(
                Set.of(
                    "provider",
                    "targetRef",
                    "service",
                    "analysis",
                    "progressDeadlineSeconds",
                    "skipAnalysis",
                    "revertOnDeletion",
                    "suspend"),
                Set.of());
    String provider = spec.text("provider");
    if (provider != null && !provider.equals("istio")) {
      throw new InvalidInputException(
          spec.at("provider"),
          "'" + provider + "' is not supported" + ISTIO_ONLY + ": use istio, or leave it out");
    }
    refuseTrue(
        spec,
        "skipAnalysis",
        "is not supported: kafleet promotes a canary through its analysis only");
    refuseTrue(
        spec,
        "revertOnDeletion",
        "is not supported yet: deleting a Canary leaves the fleet's routes as they are");
    refuseTrue(
        spec,
        "suspend",
        "is not supported yet: kafleet starts a Canary's rollout when it is applied; apply it"
            + " when it may run");

    String target = target(spec.object("targetRef"));
    String virtualService = service(spec.object("service"), target);
    int deadline = spec.integer("progressDeadlineSeconds", DEFAULT_PROGRESS_DEADLINE_SECONDS);
    if (deadline < 1) {
      throw new InvalidInputException(spec.at("progressDeadlineSeconds"), "must be 1 or more");
    }
    if (!spec.has("analysis")) {
      throw new InvalidInputException(
          spec.at("analysis"), "is required: kafleet promotes a canary through its analysis only");
    }
    Fields analysis =
        spec.object("analysis")
            .refuse(ANALYSIS_REFUSED)
            .allow(
                Set.of(
                    "interval",
                    "threshold",
                    "iterations",
                    "match",
                    "maxWeight",
                    "stepWeight",
                    "stepWeights",
                    "metrics",
                    "webhooks"),
                Set.of());
    long interval =
        analysis.has("interval")
            ? seconds(analysis.text("interval"), analysis.at("interval"))
            : DEFAULT_INTERVAL_SECONDS;
    if (interval < MIN_INTERVAL_SECONDS) {
      throw new InvalidInputException(
          analysis.at("interval"),
          "must be at least " + MIN_INTERVAL_SECONDS + "s, Flagger's shortest interval");
    }
    int threshold = analysis.integer("threshold", DEFAULT_THRESHOLD);
    if (threshold < 1) {
      throw new InvalidInputException(analysis.at("threshold"), "must be 1 or more");
    }
    return new CanaryRollout(
        id,
        virtualService,
        stable,
        canary,
        target,
        deadline,
        webhook(analysis),
        steps(analysis),
        new Analysis(interval, threshold, metrics(analysis)));
  }

  private static String subset(Fields annotations, String annotation, String fallback) {
    String subset = annotations.text(annotation);
    if (subset == null) {
      return fallback;
    }
    if (subset.isBlank()) {
      throw new InvalidInputException(annotations.at(annotation), "must name a subset");
    }
    return subset;
  }

  private static void refuseTrue(Fields spec, String field, String reason) {
    if (spec.bool(field, false)) {
      throw new InvalidInputException(spec.at(field), "true " + reason);
    }
  }

  /** The canary Deployment's name. */
  private static String target(Fields targetRef) {
    if (targetRef.node().isEmpty()) {
      throw new InvalidInputException(targetRef.path(), "is required: the canary Deployment");
    }
    targetRef.allow(Set.of("apiVersion", "kind", "name"), Set.of());
    String apiVersion = targetRef.requiredText("apiVersion");
    String kind = targetRef.requiredText("kind");
    if (!apiVersion.equals("apps/v1") || !kind.equals("Deployment")) {
      throw new InvalidInputException(
          targetRef.path(),
          apiVersion
              + " "
              + kind
              + " is not supported yet: the target must be an apps/v1"
              + " Deployment");
    }
    return targetRef.requiredText("name");
  }

  /** The VirtualService's name: the service's, or the target's as Flagger names its service. */
  private static String service(Fields service, String target) {
    service
        .refuse(SERVICE_REFUSED)
        .allow(
            Set.of("name", "port", "targetPort", "portName", "portDiscovery", "appProtocol"),
            Set.of());
    // Flagger makes Services from these; kafleet shifts the fleet's own Services' traffic.
    service.integer("port", 0);
    JsonNode targetPort = service.value("targetPort");
    if (targetPort != null && !targetPort.isInt() && !targetPort.isString()) {
      throw new InvalidInputException(
          service.at("targetPort"), "must be a port number or a port name");
    }
    service.text("portName");
    service.text("appProtocol");
    service.bool("portDiscovery", false);
    String name = service.text("name");
    if (name != null && name.isBlank()) {
      throw new InvalidInputException(service.at("name"), "must not be empty");
    }
    return name == null ? target : name;
  }

  private static Map<String, String> serviceRefused() {
    Map<String, String> refused = new LinkedHashMap<>();
    for (String field :
        List.of(
            "hosts",
            "gateways",
            "gatewayRefs",
            "trafficPolicy",
            "retries",
            "match",
            "rewrite",
            "headers",
            "corsPolicy",
            "timeout",
            "delegation",
            "apex",
            "primary",
            "canary",
            "mirror")) {
      refused.put(field, GENERATED_VIRTUAL_SERVICE);
    }
    refused.put("meshName", "belongs to Flagger's App Mesh provider" + ISTIO_ONLY);
    refused.put("backends", "belongs to Flagger's App Mesh provider" + ISTIO_ONLY);
    return Map.copyOf(refused);
  }

  // ---------------------------------------------------------------- steps

  /**
   * A canary's weights then a promotion to 100, or an A/B test step (the matching requests to the
   * canary, for {@code iterations} checks) then the promotion.
   */
  private static List<Step> steps(Fields analysis) {
    boolean abTesting = analysis.has("match") || analysis.has("iterations");
    if (abTesting) {
      return abTestSteps(analysis);
    }
    if (analysis.has("stepWeight") && analysis.has("stepWeights")) {
      throw new InvalidInputException(
          analysis.at("stepWeights"), "cannot be set together with stepWeight");
    }
    List<Integer> weights;
    if (analysis.has("stepWeights")) {
      if (analysis.has("maxWeight")) {
        throw new InvalidInputException(
            analysis.at("maxWeight"),
            "goes with stepWeight: with stepWeights, the last weight is the highest");
      }
      weights = stepWeights(analysis);
    } else if (analysis.has("stepWeight")) {
      weights = linearWeights(analysis);
    } else {
      throw new InvalidInputException(
          analysis.path(),
          "needs stepWeight or stepWeights (a canary), or iterations and match (A/B testing)");
    }
    List<Step> steps = new ArrayList<>();
    weights.forEach(weight -> steps.add(Step.weight(weight)));
    if (weights.get(weights.size() - 1) < 100) {
      steps.add(Step.weight(100));
    }
    return steps;
  }

  private static List<Integer> stepWeights(Fields analysis) {
    JsonNode list = analysis.value("stepWeights");
    if (!list.isArray() || list.isEmpty()) {
      throw new InvalidInputException(
          analysis.at("stepWeights"), "must be a list of at least one weight");
    }
    List<Integer> weights = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String at = analysis.at("stepWeights") + "[" + i + "]";
      JsonNode weight = list.get(i);
      if (!weight.isInt() || weight.asInt() < 1 || weight.asInt() > 100) {
        throw new InvalidInputException(at, "must be a weight of 1..100, not " + weight);
      }
      if (!weights.isEmpty() && weight.asInt() <= weights.get(weights.size() - 1)) {
        throw new InvalidInputException(
            at,
            weight.asInt()
                + " must be above the previous weight, "
                + weights.get(weights.size() - 1));
      }
      weights.add(weight.asInt());
    }
    return weights;
  }

  /**
   * As Flagger steps: stepWeight, 2 × stepWeight, … until the weight reaches maxWeight (the last
   * may pass it, up to 100).
   */
  private static List<Integer> linearWeights(Fields analysis) {
    int step = weight(analysis, "stepWeight", 0);
    int max = weight(analysis, "maxWeight", DEFAULT_MAX_WEIGHT);
    List<Integer> weights = new ArrayList<>();
    int weight = step;
    while (true) {
      weights.add(Math.min(weight, 100));
      if (weight >= max) {
        return weights;
      }
      weight += step;
    }
  }

  private static int weight(Fields analysis, String field, int fallback) {
    int weight = analysis.integer(field, fallback);
    if (weight < 1 || weight > 100) {
      throw new InvalidInputException(analysis.at(field), "must be 1..100, not " + weight);
    }
    return weight;
  }

  private static List<Step> abTestSteps(Fields analysis) {
    if (!analysis.has("iterations")) {
      throw new InvalidInputException(
          analysis.at("iterations"), "is required with analysis.match (A/B testing)");
    }
    if (!analysis.has("match")) {
      throw new InvalidInputException(
          analysis.at("iterations"),
          "without analysis.match is Flagger's Blue/Green, which kafleet does not support yet:"
              + " give match for A/B testing, or stepWeight(s) for a canary");
    }
    for (String weights : List.of("stepWeight", "stepWeights", "maxWeight")) {
      if (analysis.has(weights)) {
        throw new InvalidInputException(
            analysis.at(weights),
            "cannot be set together with analysis.match: A/B testing sends the matching"
                + " requests to the canary, then promotes");
      }
    }
    int iterations = analysis.integer("iterations", 0);
    if (iterations < 1) {
      throw new InvalidInputException(analysis.at("iterations"), "must be 1 or more");
    }
    List<Map<String, HeaderValue>> matches = new ArrayList<>();
    for (Fields match : analysis.objects("match")) {
      matches.add(headerMatch(match));
    }
    if (matches.isEmpty()) {
      throw new InvalidInputException(analysis.at("match"), "must list at least one match");
    }
    return List.of(new Step(0, matches, iterations), Step.weight(100));
  }

  private static Map<String, HeaderValue> headerMatch(Fields match) {
    for (String name : match.node().propertyNames()) {
      if (MATCH_NOT_HEADERS.contains(name)) {
        throw new InvalidInputException(match.at(name), HEADERS_ONLY);
      }
    }
    match.allow(Set.of("headers"), Set.of());
    Fields headers = match.object("headers");
    Map<String, HeaderValue> values = new LinkedHashMap<>();
    for (String header : headers.node().propertyNames()) {
      Fields value = headers.object(header).allow(Set.of("exact", "prefix", "regex"), Set.of());
      List<HeaderValue> given = new ArrayList<>();
      for (HeaderValue.How how : HeaderValue.How.values()) {
        String text = value.text(how.name());
        if (text != null) {
          given.add(new HeaderValue(how, text));
        }
      }
      if (given.size() != 1) {
        throw new InvalidInputException(
            value.path(), "needs exactly one of exact, prefix and regex");
      }
      values.put(header, given.get(0));
    }
    if (values.isEmpty()) {
      throw new InvalidInputException(headers.path(), "must name at least one header");
    }
    return values;
  }

  // ---------------------------------------------------------------- gates

  private static List<Metric> metrics(Fields analysis) {
    List<Metric> metrics = new ArrayList<>();
    for (Fields metric : analysis.objects("metrics")) {
      metric.refuse(
          Map.of(
              "templateRef",
              "MetricTemplate references are not supported yet; give the PromQL in "
                  + metric.at("query"),
              "templateVariables",
              "goes with templateRef: MetricTemplate references are not supported yet",
              "threshold",
              "is Flagger's deprecated maximum: use thresholdRange.max"));
      metric.allow(Set.of("name", "thresholdRange", "interval", "query"), Set.of());
      String name = metric.requiredText("name");
      String query = metric.text("query");
      if (query != null && query.isBlank()) {
        throw new InvalidInputException(metric.at("query"), "must not be empty");
      }
      if (query == null && !BUILT_IN_METRICS.contains(name)) {
        throw new InvalidInputException(
            metric.at("query"),
            "is required for metric '"
                + name
                + "': only request-success-rate and request-duration are built in");
      }
      if (!metric.has("thresholdRange")) {
        throw new InvalidInputException(
            metric.at("thresholdRange"), "is required: the range the metric must stay in");
      }
      Fields range = metric.object("thresholdRange").allow(Set.of("min", "max"), Set.of());
      Double min = range.number("min");
      Double max = range.number("max");
      if (min == null && max == null) {
        throw new InvalidInputException(range.path(), "needs min, max or both");
      }
      if (min != null && max != null && min > max) {
        throw new InvalidInputException(range.at("min"), min + " must not be above max, " + max);
      }
      long window =
          metric.has("interval")
              ? seconds(metric.text("interval"), metric.at("interval"))
              : DEFAULT_METRIC_WINDOW_SECONDS;
      metrics.add(new Metric(name, query, min, max, window));
    }
    return metrics;
  }

  /** The one rollout webhook's URL, or null. */
  private static String webhook(Fields analysis) {
    String url = null;
    for (Fields webhook : analysis.objects("webhooks")) {
      webhook.allow(Set.of("type", "name", "url", "timeout", "metadata", "muteAlert"), Set.of());
      String type = webhook.text("type");
      if (type != null && !type.equals("rollout")) {
        throw new InvalidInputException(
            webhook.at("type"),
            OTHER_WEBHOOK_TYPES.contains(type)
                ? "'"
                    + type
                    + "' webhooks are not supported yet: kafleet calls one webhook, of type"
                    + " rollout, before each step completes"
                : "'" + type + "' is not a Flagger webhook type");
      }
      if (url != null) {
        throw new InvalidInputException(
            webhook.path(),
            "a second rollout webhook is not supported yet: kafleet calls one webhook per"
                + " rollout");
      }
      url = webhook.requiredText("url");
      if (!isHttpUrl(url)) {
        throw new InvalidInputException(
            webhook.at("url"), "'" + url + "' is not an absolute http(s) URL");
      }
      if (webhook.has("timeout")) {
        seconds(webhook.text("timeout"), webhook.at("timeout"));
      }
      webhook.text("name");
      webhook.stringMap("metadata");
      webhook.bool("muteAlert", false);
    }
    return url;
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      return uri.getHost() != null
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** A Go duration (30s, 1m, 1m30s, 1.5h) as whole seconds, more than 0. */
  static long seconds(String duration, String path) {
    if (duration == null) {
      throw new InvalidInputException(path, "must be a duration (30s, 1m or 1m30s)");
    }
    Matcher part = DURATION_PART.matcher(duration);
    BigDecimal seconds = BigDecimal.ZERO;
    int at = 0;
    while (at < duration.length()) {
      part.region(at, duration.length());
      if (!part.lookingAt()) {
        break;
      }
      seconds = seconds.add(new BigDecimal(part.group(1)).multiply(unit(part.group(2))));
      at = part.end();
    }
    if (duration.isEmpty() || at != duration.length()) {
      throw new InvalidInputException(
          path, "'" + duration + "' is not a duration (as 30s, 1m or 1m30s)");
    }
    if (seconds.signum() <= 0 || seconds.stripTrailingZeros().scale() > 0) {
      throw new InvalidInputException(
          path, "'" + duration + "' must be a whole number of seconds, more than 0");
    }
    return seconds.longValueExact();
  }

  private static BigDecimal unit(String unit) {
    return switch (unit) {
      case "h" -> BigDecimal.valueOf(3600);
      case "m" -> BigDecimal.valueOf(60);
      case "s" -> BigDecimal.ONE;
      case "ms" -> new BigDecimal("0.001");
      case "us", "µs" -> new BigDecimal("0.000001");
      default -> new BigDecimal("0.000000001");
    };
  }
}
