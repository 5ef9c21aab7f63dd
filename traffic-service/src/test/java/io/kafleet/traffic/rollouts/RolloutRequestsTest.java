package io.kafleet.traffic.rollouts;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.HeaderMatch;
import io.kafleet.events.MetricGate;
import io.kafleet.events.RolloutAnalysis;
import io.kafleet.events.RolloutRequested;
import io.kafleet.events.RolloutStep;
import io.kafleet.events.StringMatch;
import io.kafleet.validation.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A rollout request's analysis and test steps, checked on their own terms and read as a spec. */
class RolloutRequestsTest {

  private static RolloutRequested withAnalysis(MetricGate... metrics) {
    RolloutRequested request = RolloutsTest.request(List.of(), 0L, 0L);
    request.setAnalysis(new RolloutAnalysis(30L, 2, List.of(metrics)));
    return request;
  }

  private static List<String> violations(RolloutRequested request) {
    return RolloutRequests.check(request).stream().map(Violation::toString).toList();
  }

  @Test
  void aGoodAnalysisReadsAsTheSpecsWithTheIntervalAsDefaultWindow() {
    RolloutRequested request =
        withAnalysis(
            new MetricGate("request-success-rate", null, 99.0, null, null),
            new MetricGate(
                "errors", "sum(rate(e{c=\"{{ cluster }}\"}[{{ interval }}]))", null, 1.0, 90L));
    request.setCanaryDeployment("podinfo-canary");
    assertThat(RolloutRequests.check(request)).isEmpty();
    RolloutSpec spec = RolloutRequests.spec(request);
    assertThat(spec.analysis().interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(spec.analysis().threshold()).isEqualTo(2);
    assertThat(spec.analysis().metrics())
        .extracting(m -> m.name() + " " + m.range() + " " + m.window().toSeconds())
        .containsExactly("request-success-rate 99.. 30", "errors ..1 90");
    assertThat(spec.canaryDeployment().name()).isEqualTo("podinfo-canary");
  }

  @Test
  void everyBadPartOfAnAnalysisIsNamed() {
    RolloutRequested request =
        withAnalysis(
            new MetricGate("latency", null, null, 500.0, null),
            new MetricGate("request-duration", null, null, null, null),
            new MetricGate("request-duration", null, 10.0, 5.0, 0L),
            new MetricGate("jobs", "up{job=\"{{ job }}\"}", 1.0, null, null));
    request.getAnalysis().setIntervalSeconds(0L);
    request.getAnalysis().setThreshold(0);
    request.setCanaryDeployment("Not_A_Name");
    assertThat(violations(request))
        .contains(
            "analysis.intervalSeconds: must be more than 0",
            "analysis.threshold: must be 1 or more",
            "analysis.metrics[0].query: is required: 'latency' is not a built-in"
                + " (request-success-rate, request-duration)",
            "analysis.metrics[1]: needs a min or a max (its threshold range)",
            "analysis.metrics[2].name: request-duration is named twice",
            "analysis.metrics[2].min: is above max",
            "analysis.metrics[2].windowSeconds: must be more than 0",
            "analysis.metrics[3].query: {{ job }} is not a variable (namespace, target, cluster,"
                + " interval)")
        .anyMatch(v -> v.startsWith("canaryDeployment: "));
  }

  @Test
  void aTestStepNeedsHeadersEachMatchedOneWayAndAtLeastOneCheck() {
    RolloutRequested request = RolloutsTest.request(List.of(), 0L, 0L);
    RolloutStep step = request.getSteps().get(0);
    step.setTestMatches(
        List.of(
            new HeaderMatch(Map.of("x-canary", new StringMatch("true", null, null))),
            new HeaderMatch(Map.of()),
            new HeaderMatch(
                Map.of(
                    "X-Canary", new StringMatch("a", null, null),
                    "x-group", new StringMatch("a", "b", null)))));
    step.setChecks(0);
    assertThat(violations(request))
        .containsExactlyInAnyOrder(
            "steps[0].testMatches[1].headers: no header given: an empty match selects every request",
            "steps[0].testMatches[2].headers: 'X-Canary' is not a lower-case HTTP header name",
            "steps[0].testMatches[2].headers.x-group: must set exactly one of exact, prefix and"
                + " regex; it sets exact and prefix",
            "steps[0].checks: must be 1 or more");

    step.setTestMatches(List.of(step.getTestMatches().get(0)));
    step.setChecks(3);
    assertThat(RolloutRequests.check(request)).isEmpty();
    RolloutSpec.Step read = RolloutRequests.spec(request).step(0);
    assertThat(read.testMatches()).hasSize(1);
    assertThat(read.checks()).isEqualTo(3);
  }
}
