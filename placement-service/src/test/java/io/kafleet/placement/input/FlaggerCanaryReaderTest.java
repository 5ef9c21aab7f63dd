package io.kafleet.placement.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.kafleet.events.HeaderMatch;
import io.kafleet.events.MetricGate;
import io.kafleet.events.ObjectRef;
import io.kafleet.events.RolloutRequested;
import io.kafleet.events.RolloutStep;
import io.kafleet.events.StringMatch;
import io.kafleet.placement.FlaggerCanaries;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** A Flagger Canary for Istio, read as the kafleet rollout it asks for; what is not, refused. */
class FlaggerCanaryReaderTest {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final Instant APPLIED = Instant.parse("2026-12-03T17:00:00Z");

  private static final String PODINFO = FlaggerCanaries.podinfo();

  @Test
  void mapsFlaggersPodinfoCanaryToOneRolloutRequest() {
    Submission submission = Submissions.of(parse(PODINFO));
    assertThat(submission).isInstanceOf(Submission.Canary.class);
    assertThat(submission.key()).hasToString("flagger.app/Canary/test/podinfo");

    RolloutRequested request =
        ((Submission.Canary) submission).rollout().request(3, "alice", APPLIED);

    assertThat(request.getCorrelationId()).isEqualTo("canary.test.podinfo.3");
    assertThat(request.getVirtualService())
        .isEqualTo(new ObjectRef("networking.istio.io", "VirtualService", "test", "podinfo"));
    assertThat(request.getRouteName()).isNull();
    assertThat(request.getRouteIndex()).isNull();
    assertThat(request.getStableSubset()).isEqualTo("blue");
    assertThat(request.getCanarySubset()).isEqualTo("green");
    assertThat(request.getCanaryDeployment()).isEqualTo("podinfo-green");
    assertThat(request.getWaves()).isEmpty();
    assertThat(weights(request)).containsExactly(10, 20, 30, 40, 50, 100);
    assertThat(request.getSteps())
        .allSatisfy(
            step -> {
              assertThat(step.getPauseSeconds()).isZero();
              assertThat(step.getChecks()).isEqualTo(1);
              assertThat(step.getTestMatches()).isEmpty();
            });
    assertThat(request.getGates().getRequireConvergence()).isTrue();
    assertThat(request.getGates().getRequireCanaryHealthy()).isTrue();
    assertThat(request.getGates().getStepTimeoutSeconds()).isEqualTo(60);
    assertThat(request.getGates().getWebhookUrl()).isEqualTo("http://flagger-loadtester.test/");
    assertThat(request.getAnalysis().getIntervalSeconds()).isEqualTo(60);
    assertThat(request.getAnalysis().getThreshold()).isEqualTo(5);
    assertThat(request.getAnalysis().getMetrics())
        .extracting(
            MetricGate::getName,
            MetricGate::getMin,
            MetricGate::getMax,
            MetricGate::getWindowSeconds)
        .containsExactly(
            tuple("request-success-rate", 99.0, null, 60L),
            tuple("request-duration", null, 500.0, 30L),
            tuple("404s percentage", null, 5.0, 90L));
    assertThat(request.getAnalysis().getMetrics().get(0).getQuery()).isNull();
    assertThat(request.getAnalysis().getMetrics().get(2).getQuery())
        .as("Flagger's inline query, passed as written")
        .startsWith("100 - sum(rate(istio_requests_total{destination_workload_namespace=")
        .contains("[{{ interval }}]");
    assertThat(request.getRequestedBy()).isEqualTo("alice");
    assertThat(request.getRequestedAt()).isEqualTo(APPLIED);
  }

  @Test
  void theSameGenerationIsTheSameRequestAndANewOneANewId() {
    CanaryRollout rollout = FlaggerCanaryReader.read(parse(PODINFO));
    assertThat(rollout.request(1, "alice", APPLIED))
        .isEqualTo(FlaggerCanaryReader.read(parse(PODINFO)).request(1, "alice", APPLIED));
    assertThat(rollout.request(2, "alice", APPLIED).getCorrelationId())
        .isEqualTo("canary.test.podinfo.2");
  }

  @Test
  void whatTheCanaryDoesNotSayIsFlaggersDefault() {
    RolloutRequested request =
        request(
            """
            apiVersion: flagger.app/v1beta1
            kind: Canary
            metadata: {name: podinfo}
            spec:
              targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
              service: {port: 9898}
              analysis: {stepWeight: 25}
            """);
    assertThat(request.getCorrelationId()).isEqualTo("canary.default.podinfo.1");
    assertThat(request.getVirtualService().getNamespace()).isEqualTo("default");
    assertThat(request.getVirtualService().getName())
        .as("Flagger names the service after the target")
        .isEqualTo("podinfo");
    assertThat(request.getStableSubset()).isEqualTo("primary");
    assertThat(request.getCanarySubset()).isEqualTo("canary");
    assertThat(request.getCanaryDeployment()).isEqualTo("podinfo");
    assertThat(weights(request))
        .as("up to maxWeight 100, which is the promotion")
        .containsExactly(25, 50, 75, 100);
    assertThat(request.getGates().getStepTimeoutSeconds()).isEqualTo(600);
    assertThat(request.getGates().getWebhookUrl()).isNull();
    assertThat(request.getAnalysis().getIntervalSeconds()).isEqualTo(60);
    assertThat(request.getAnalysis().getThreshold()).isEqualTo(1);
    assertThat(request.getAnalysis().getMetrics()).isEmpty();
  }

  @Test
  void stepWeightsAreTheStepsThenThePromotion() {
    assertThat(weights(request(minimal("stepWeights: [1, 5, 25, 80]"))))
        .containsExactly(1, 5, 25, 80, 100);
    assertThat(weights(request(minimal("stepWeights: [10, 50, 100]"))))
        .as("a last weight of 100 is the promotion")
        .containsExactly(10, 50, 100);
  }

  @Test
  void aStepWeightThatDoesNotDivideMaxWeightPassesItAsFlaggerDoes() {
    assertThat(weights(request(minimal("{stepWeight: 20, maxWeight: 50}"))))
        .containsExactly(20, 40, 60, 100);
    assertThat(weights(request(minimal("{stepWeight: 30, maxWeight: 90}"))))
        .containsExactly(30, 60, 90, 100);
  }

  @Test
  void abTestingSendsTheMatchingRequestsToTheCanaryForItsIterationsThenPromotes() {
    RolloutRequested request =
        request(
            minimal(
                """
                iterations: 10
                    match:
                      - headers:
                          x-canary: {exact: insider}
                      - headers:
                          cookie: {regex: "^(.*?;)?(canary=always)(;.*)?$"}
                          user-agent: {prefix: Mozilla}
                """));
    assertThat(weights(request)).containsExactly(0, 100);
    RolloutStep test = request.getSteps().get(0);
    assertThat(test.getChecks()).isEqualTo(10);
    assertThat(test.getTestMatches())
        .containsExactly(
            new HeaderMatch(Map.of("x-canary", new StringMatch("insider", null, null))),
            new HeaderMatch(
                Map.of(
                    "cookie", new StringMatch(null, null, "^(.*?;)?(canary=always)(;.*)?$"),
                    "user-agent", new StringMatch(null, "Mozilla", null))));
    RolloutStep promotion = request.getSteps().get(1);
    assertThat(promotion.getTestMatches()).isEmpty();
    assertThat(promotion.getChecks()).isEqualTo(1);
  }

  @Test
  void goDurationsAreReadAsWholeSeconds() {
    assertThat(FlaggerCanaryReader.seconds("30s", "x")).isEqualTo(30);
    assertThat(FlaggerCanaryReader.seconds("1m30s", "x")).isEqualTo(90);
    assertThat(FlaggerCanaryReader.seconds("1.5h", "x")).isEqualTo(5400);
    assertThat(FlaggerCanaryReader.seconds("2000ms", "x")).isEqualTo(2);
    assertThatThrownBy(() -> FlaggerCanaryReader.seconds("1500ms", "x"))
        .hasMessage("x: '1500ms' must be a whole number of seconds, more than 0");
    assertThatThrownBy(() -> FlaggerCanaryReader.seconds("1 minute", "x"))
        .hasMessage("x: '1 minute' is not a duration (as 30s, 1m or 1m30s)");
    assertThatThrownBy(() -> FlaggerCanaryReader.seconds("0s", "x"))
        .hasMessageContaining("more than 0");
  }

  @Test
  void aFlaggerCanaryOfAnotherVersionIsRefused() {
    assertThatThrownBy(
            () ->
                Submissions.of(
                    parse(PODINFO.replace("flagger.app/v1beta1", "flagger.app/v1alpha3"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "apiVersion: flagger.app/v1alpha3 Canary is not supported: use flagger.app/v1beta1");
  }

  /** A change to the podinfo Canary, the field it must be refused by, and why. */
  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal("spec.provider", "linkerd", "spec.provider", "'linkerd' is not supported"),
        refusal("spec.skipAnalysis", "true", "spec.skipAnalysis", "true is not supported"),
        refusal("spec.revertOnDeletion", "true", "spec.revertOnDeletion", "not supported yet"),
        refusal("spec.suspend", "true", "spec.suspend", "not supported yet"),
        refusal(
            "spec.autoscalerRef",
            "{apiVersion: autoscaling/v2, kind: HorizontalPodAutoscaler, name: podinfo}",
            "spec.autoscalerRef",
            "primary autoscaler"),
        refusal("spec.ingressRef", "{name: podinfo}", "spec.ingressRef", "NGINX"),
        refusal("spec.metricsServer", "http://prom:9090", "spec.metricsServer", "Prometheus"),
        refusal("spec.canaryAnalysis", "{interval: 1m}", "spec.canaryAnalysis", "rename it"),
        refusal("spec.analsis", "{interval: 1m}", "spec.analsis", "is not a field of Canary spec"),
        refusal("spec.targetRef.kind", "DaemonSet", "spec.targetRef", "apps/v1 Deployment"),
        refusal(
            "spec.targetRef.apiVersion", "apps/v1beta1", "spec.targetRef", "apps/v1 Deployment"),
        refusal("spec.service.hosts", "[app.example.com]", "spec.service.hosts", "set it there"),
        refusal("spec.service.gateways", "[public-gateway]", "spec.service.gateways", "Flagger"),
        refusal("spec.service.retries", "{attempts: 3}", "spec.service.retries", "fleet"),
        refusal("spec.service.trafficPolicy", "{}", "spec.service.trafficPolicy", "VirtualService"),
        refusal("spec.service.timeout", "5s", "spec.service.timeout", "VirtualService"),
        refusal("spec.service.prot", "9898", "spec.service.prot", "is not a field of"),
        refusal("spec.analysis.mirror", "true", "spec.analysis.mirror", "not supported yet"),
        refusal("spec.analysis.alerts", "[]", "spec.analysis.alerts", "not supported yet"),
        refusal(
            "spec.analysis.stepWeightPromotion",
            "50",
            "spec.analysis.stepWeightPromotion",
            "not supported yet"),
        refusal("spec.analysis.interval", "5s", "spec.analysis.interval", "at least 10s"),
        refusal("spec.analysis.interval", "soon", "spec.analysis.interval", "not a duration"),
        refusal("spec.analysis.threshold", "0", "spec.analysis.threshold", "1 or more"),
        refusal("spec.analysis.stepWeight", "0", "spec.analysis.stepWeight", "1..100"),
        refusal("spec.analysis.maxWeight", "120", "spec.analysis.maxWeight", "1..100"),
        refusal("spec.analysis.stepWeights", "[10, 20]", "spec.analysis.stepWeights", "together"),
        refusal("spec.analysis.iterations", "10", "spec.analysis.iterations", "Blue/Green"),
        refusal(
            "spec.analysis.match",
            "[{headers: {x-canary: {exact: insider}}}]",
            "spec.analysis.iterations",
            "is required with analysis.match"),
        refusal(
            "spec.analysis.metrics[0].templateRef",
            "{name: error-rate, namespace: istio-system}",
            "spec.analysis.metrics[0].templateRef",
            "MetricTemplate references are not supported yet; give the PromQL in"
                + " spec.analysis.metrics[0].query"),
        refusal(
            "spec.analysis.metrics[1].thresholdRange",
            null,
            "spec.analysis.metrics[1].thresholdRange",
            "is required"),
        refusal(
            "spec.analysis.metrics[1].name",
            "latency",
            "spec.analysis.metrics[1].query",
            "only request-success-rate and request-duration are built in"),
        refusal(
            "spec.analysis.metrics[0].thresholdRange",
            "{}",
            "spec.analysis.metrics[0].thresholdRange",
            "needs min, max or both"),
        refusal(
            "spec.analysis.metrics[0].threshold",
            "99",
            "spec.analysis.metrics[0].threshold",
            "thresholdRange.max"),
        refusal(
            "spec.analysis.webhooks[0].type",
            "pre-rollout",
            "spec.analysis.webhooks[0].type",
            "'pre-rollout' webhooks are not supported yet"),
        refusal(
            "spec.analysis.webhooks[0].type",
            "confirm-promotion",
            "spec.analysis.webhooks[0].type",
            "not supported yet"),
        refusal(
            "spec.analysis.webhooks[0].type",
            "later",
            "spec.analysis.webhooks[0].type",
            "not a Flagger webhook type"),
        refusal(
            "spec.analysis.webhooks[1]",
            "{name: smoke, url: http://smoke.test/}",
            "spec.analysis.webhooks[1]",
            "a second rollout webhook is not supported yet"),
        refusal(
            "spec.analysis.webhooks[0].url",
            "flagger-loadtester.test",
            "spec.analysis.webhooks[0].url",
            "not an absolute http(s) URL"),
        refusal(
            "metadata.annotations.rollout\\.kafleet\\.io/canary-subset",
            "blue",
            "metadata.annotations.rollout.kafleet.io/canary-subset",
            "must differ from the stable subset"),
        refusal("spec.analysis", null, "spec.analysis", "is required"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("refusals")
  void whatKafleetCannotHonourIsRefusedByItsPath(
      String field, String value, String refusedField, String reason) {
    ObjectNode canary = (ObjectNode) parse(PODINFO);
    set(canary, field, value);
    assertThatThrownBy(() -> FlaggerCanaryReader.read(canary))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).as("the field refused").isEqualTo(refusedField);
              assertThat(e.reason()).as("why").contains(reason);
            });
  }

  @Test
  void abTestingMatchesOnHeadersOnly() {
    String headers =
        """
        iterations: 10
            match:
              - headers:
                  x-canary: {exact: insider}
        """;
    assertThatThrownBy(() -> request(minimal(headers + "        uri: {prefix: /api}\n")))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("spec.analysis.match[0].uri");
              assertThat(e.reason()).contains("by their headers only");
            });
    assertThatThrownBy(() -> request(minimal(headers + "        uir: {prefix: /api}\n")))
        .hasMessageStartingWith("spec.analysis.match[0].uir: is not a field of Canary");
    assertThatThrownBy(
            () -> request(minimal(headers.replace("{exact: insider}", "{exact: a, prefix: b}"))))
        .hasMessage(
            "spec.analysis.match[0].headers.x-canary: needs exactly one of exact, prefix and"
                + " regex");
    assertThatThrownBy(() -> request(minimal(headers + "    stepWeight: 10\n")))
        .hasMessageStartingWith(
            "spec.analysis.stepWeight: cannot be set together with analysis.match");
  }

  @Test
  void stepWeightsMustRise() {
    assertThatThrownBy(() -> request(minimal("stepWeights: [10, 10, 50]")))
        .hasMessage("spec.analysis.stepWeights[1]: 10 must be above the previous weight, 10");
    assertThatThrownBy(() -> request(minimal("{stepWeights: [10, 50], maxWeight: 50}")))
        .hasMessageStartingWith("spec.analysis.maxWeight: goes with stepWeight");
    assertThatThrownBy(() -> request(minimal("{interval: 1m}")))
        .hasMessageStartingWith("spec.analysis: needs stepWeight or stepWeights");
  }

  // ---------------------------------------------------------------- helpers

  private static Arguments refusal(String field, String value, String refused, String reason) {
    return Arguments.of(field, value, refused, reason);
  }

  /** A Canary in the default namespace with this analysis (YAML, indented as its body). */
  private static String minimal(String analysis) {
    String body = analysis.startsWith("{") ? " " + analysis : "\n    " + analysis.strip();
    return """
        apiVersion: flagger.app/v1beta1
        kind: Canary
        metadata: {name: podinfo}
        spec:
          targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
          analysis:%s
        """
        .formatted(body);
  }

  private static RolloutRequested request(String yaml) {
    return FlaggerCanaryReader.read(parse(yaml)).request(1, "alice", APPLIED);
  }

  private static List<Integer> weights(RolloutRequested request) {
    return request.getSteps().stream().map(RolloutStep::getCanaryWeight).toList();
  }

  private static JsonNode parse(String yaml) {
    return YAML.readTree(yaml);
  }

  /**
   * Sets (or, with a null value, removes) the field at a dotted path with list indexes; a backslash
   * escapes a dot inside a name.
   */
  private static void set(ObjectNode document, String path, String value) {
    String[] names = path.split("(?<!\\\\)\\.");
    JsonNode node = document;
    for (int i = 0; i < names.length; i++) {
      String name = names[i].replace("\\.", ".");
      Integer index = null;
      if (name.endsWith("]")) {
        index = Integer.parseInt(name.substring(name.indexOf('[') + 1, name.length() - 1));
        name = name.substring(0, name.indexOf('['));
      }
      boolean last = i == names.length - 1;
      ObjectNode parent = (ObjectNode) node;
      if (index == null) {
        if (last) {
          if (value == null) {
            parent.remove(name);
          } else {
            parent.set(name, YAML.readTree(value));
          }
          return;
        }
        node = parent.has(name) ? parent.get(name) : parent.putObject(name);
      } else {
        ArrayNode list = (ArrayNode) parent.get(name);
        if (last) {
          if (index < list.size()) {
            list.set(index, YAML.readTree(value));
          } else {
            list.add(YAML.readTree(value));
          }
          return;
        }
        node = list.get(index);
      }
    }
  }
}
