package io.kafleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Flagger {@code Canary} for Istio A/B testing, applied with {@code kafleet apply} to the suite's
 * real member API servers, runs as a kafleet rollout: its header step is read back from both
 * members' VirtualServices, and the rollout then completes with every cluster on the canary. The
 * test writes the canary Deployment's status in each member, as its Deployment controller would.
 */
@ExtendWith(SuiteExtension.class)
class CanaryE2EIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ROLLOUT = "canary.default.abtest.1";

  private static Suite suite;

  @BeforeAll
  static void useTheSuite(Suite shared) {
    suite = shared;
  }

  @Test
  void anABTestingCanaryRoutesItsHeaderToTheCanaryInEveryMemberThenCompletes() throws Exception {
    suite.kafleet("apply", "-f", resource("abtest.yaml"));
    for (String member : Suite.MEMBERS) {
      Suite.await(() -> virtualService(member) != null, "abtest's VirtualService in " + member);
      runTheCanary(member);
    }

    suite.kafleet("apply", "-f", resource("abtest-canary.yaml"));
    for (String member : Suite.MEMBERS) {
      eventually(
          () ->
              assertThat(routes(member))
                  .as("the header route in %s's VirtualService", member)
                  .hasSize(2));
      List<Map<String, Object>> http = routes(member);
      assertThat((JsonNode) JSON.valueToTree(http.get(0)))
          .as("%s: the test route, first, sends x-canary: insider to green", member)
          .isEqualTo(
              JSON.readTree(
                  """
                  {"name": "kafleet-test-route",
                   "match": [{"uri": {"prefix": "/"}, "headers": {"x-canary": {"exact": "insider"}}}],
                   "route": [{"destination": {"host": "abtest", "subset": "green"}, "weight": 100}]}
                  """));
      assertThat(weights(http.get(1)))
          .as("%s: every other request still goes to blue", member)
          .isEqualTo("green=0,blue=100");
    }

    eventually(
        () -> assertThat(status().path("status").asString()).as(ROLLOUT).isNotIn("RUNNING", ""));
    JsonNode done = status();
    assertThat(done.path("status").asString()).as("%s", done).isEqualTo("COMPLETED");
    List<String> checks = new ArrayList<>();
    done.path("history")
        .forEach(
            entry -> {
              if (entry.path("phase").asString().equals("Analysed")) {
                checks.add(entry.path("step").asInt() + ": " + entry.path("message").asString());
              }
            });
    assertThat(checks)
        .as("the header step asks its two iterations, the promotion one interval")
        .containsExactly("0: check passed", "0: check passed", "1: check passed");
    for (String member : Suite.MEMBERS) {
      Suite.await(
          () ->
              routes(member).size() == 1
                  && weights(routes(member).get(0)).equals("green=100,blue=0"),
          member + " on green without the test route (now: " + routes(member) + ")");
    }
  }

  private static JsonNode status() {
    return JSON.readTree(suite.kafleet("rollout", "status", ROLLOUT, "-o", "json"));
  }

  /** Waits, as long as the suite waits, for the assertion to hold; a timeout says what it saw. */
  private static void eventually(ThrowingRunnable assertion) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(assertion);
  }

  private static GenericKubernetesResource virtualService(String member) {
    try (KubernetesClient client = suite.member(member)) {
      return Suite.istio(client, "VirtualService", "abtest");
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> routes(String member) {
    GenericKubernetesResource vs = virtualService(member);
    Map<String, Object> spec = (Map<String, Object>) vs.getAdditionalProperties().get("spec");
    return (List<Map<String, Object>>) spec.get("http");
  }

  /** A route's destinations as {@code subset=weight}, in order. */
  @SuppressWarnings("unchecked")
  private static String weights(Map<String, Object> route) {
    List<String> weights = new ArrayList<>();
    for (Map<String, Object> destination : (List<Map<String, Object>>) route.get("route")) {
      Map<String, Object> to = (Map<String, Object>) destination.get("destination");
      weights.add(to.get("subset") + "=" + destination.get("weight"));
    }
    return String.join(",", weights);
  }

  /** What the member's Deployment controller would write once abtest-green runs. */
  private static void runTheCanary(String member) {
    try (KubernetesClient client = suite.member(member)) {
      Suite.await(
          () ->
              client.apps().deployments().inNamespace("default").withName("abtest-green").get()
                  != null,
          "abtest-green in " + member);
      Deployment green =
          client.apps().deployments().inNamespace("default").withName("abtest-green").get();
      green.setStatus(
          new DeploymentStatusBuilder()
              .withObservedGeneration(green.getMetadata().getGeneration())
              .withReplicas(1)
              .withUpdatedReplicas(1)
              .withReadyReplicas(1)
              .withAvailableReplicas(1)
              .build());
      client.apps().deployments().inNamespace("default").resource(green).updateStatus();
    }
  }

  private static String resource(String name) throws URISyntaxException {
    return Path.of(CanaryE2EIT.class.getResource("/flagger/" + name).toURI()).toString();
  }
}
