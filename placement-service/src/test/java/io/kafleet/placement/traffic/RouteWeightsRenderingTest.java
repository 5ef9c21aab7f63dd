package io.kafleet.placement.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.events.DestinationWeight;
import io.kafleet.events.HeaderMatch;
import io.kafleet.events.RouteWeights;
import io.kafleet.events.StringMatch;
import io.kafleet.events.TestRoute;
import io.kafleet.placement.SharedScenarios;
import io.kafleet.placement.input.InvalidInputException;
import io.kafleet.placement.input.KarmadaOverridePolicyReader;
import io.kafleet.placement.input.TemplateReader;
import io.kafleet.placement.overrides.Overrides;
import io.kafleet.placement.scheduling.MemberState;
import io.kafleet.schemas.ObjectKey;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class RouteWeightsRenderingTest {

  private static final ObjectMapper YAML = YAMLMapper.builder().build();
  private static final ObjectKey PODINFO =
      new ObjectKey("networking.istio.io", "VirtualService", "default", "podinfo");

  @Test
  void aShiftToGreen80GivesTheScenariosOwnVirtualService() throws Exception {
    JsonNode blue = scenario("virtualservice-blue.yaml");

    JsonNode shifted = RouteWeightsRendering.withWeights(blue, greenEighty(0), null);

    assertThat(shifted.path("spec").path("http").get(0).path("route"))
        .isEqualTo(
            scenario("virtualservice-green-80.yaml")
                .path("spec")
                .path("http")
                .get(0)
                .path("route"));
    assertThat(shifted.path("spec").path("http").get(0).path("match"))
        .as("the rest of the route is kept")
        .isEqualTo(blue.path("spec").path("http").get(0).path("match"));
    assertThat(blue.path("spec").path("http").get(0).path("route").size())
        .as("the template itself is not changed")
        .isEqualTo(1);
  }

  @Test
  void aRouteThatIsNotThereIsAnErrorNamingIt() throws Exception {
    JsonNode blue = scenario("virtualservice-blue.yaml");

    assertThatThrownBy(() -> RouteWeightsRendering.withWeights(blue, greenEighty(1), null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("weights.routeIndex")
        .hasMessageContaining("1 is out of range: the VirtualService has 1 http routes");
  }

  @Test
  void perClusterWeightsReplaceOnlyTheNamedClustersRuleAndKeepTheOthers() throws Exception {
    JsonNode blue = scenario("virtualservice-blue.yaml");
    JsonNode first =
        RouteWeightsRendering.clusterWeights(
            PODINFO, blue, null, List.of("member1"), greenEighty(0), null);

    JsonNode second =
        RouteWeightsRendering.clusterWeights(
            PODINFO, blue, first, List.of("member2"), greenEighty(0), null);

    assertThat(second.path("metadata").path("name").asString())
        .isEqualTo("kafleet-weights-podinfo");
    assertThat(second.path("spec").path("overrideRules"))
        .extracting(rule -> rule.path("targetCluster").path("clusterNames").toString())
        .containsExactly("[\"member1\"]", "[\"member2\"]");
    JsonNode replace =
        second
            .path("spec")
            .path("overrideRules")
            .get(1)
            .path("overriders")
            .path("plaintext")
            .get(0);
    assertThat(replace.path("path").asString()).isEqualTo("/spec/http/0/route");
    assertThat(replace.path("value").get(0).path("weight").asInt()).isEqualTo(80);
  }

  @Test
  void aTestRouteGoesJustBeforeTheShiftedRouteWithItsMatchAndTheTestHeaders() throws Exception {
    JsonNode blue = scenario("virtualservice-blue.yaml");

    JsonNode shifted = RouteWeightsRendering.withWeights(blue, greenEighty(0), canaryToGreen());

    JsonNode http = shifted.path("spec").path("http");
    assertThat(http.size()).as("routes in %s", http).isEqualTo(2);
    assertThat(http.get(0))
        .as("kafleet's test route")
        .isEqualTo(
            json(
                """
                {"name": "kafleet-test-route",
                 "match": [{"uri": {"prefix": "/"}, "headers": {"x-canary": {"exact": "true"}}}],
                 "route": [{"destination": {"host": "podinfo", "subset": "green",
                                            "port": {"number": 80}}, "weight": 100}]}
                """));
    assertThat(http.get(1).path("route"))
        .as("the shifted route keeps its place among the user's routes")
        .isEqualTo(
            scenario("virtualservice-green-80.yaml")
                .path("spec")
                .path("http")
                .get(0)
                .path("route"));
  }

  @Test
  void routeIndexesCountTheUsersRoutesAndAShiftWithoutTestRouteRemovesIt() throws Exception {
    JsonNode twoRoutes = json(TWO_ROUTES);
    JsonNode withTest =
        RouteWeightsRendering.withWeights(twoRoutes, weights(1, "green", 50), canaryToGreen());
    assertThat(names(withTest)).containsExactly("api", "kafleet-test-route", null);
    assertThat(withTest.path("spec").path("http").get(1).path("match"))
        .as("a route without match: the test headers alone")
        .isEqualTo(json("[{\"headers\": {\"x-canary\": {\"exact\": \"true\"}}}]"));

    JsonNode movedToApi =
        RouteWeightsRendering.withWeights(withTest, weights(0, "green", 10), canaryToGreen());
    assertThat(names(movedToApi))
        .as("one test route, before route 0 as the user counts")
        .containsExactly("kafleet-test-route", "api", null);
    assertThat(weightOf(movedToApi, 1, "green")).isEqualTo(10);
    assertThat(weightOf(movedToApi, 2, "green"))
        .as("route 1 as the user counts keeps the last shift's weights")
        .isEqualTo(50);

    JsonNode removed = RouteWeightsRendering.withWeights(movedToApi, weights(1, "green", 0), null);
    assertThat(names(removed)).containsExactly("api", null);
    assertThat(weightOf(removed, 1, "green")).isZero();
  }

  @Test
  void theTestRouteCopiesTheRoutesSettingsAndCombinesEveryMatchWithEveryTestMatch() {
    TestRoute twoMatches =
        new TestRoute(
            "green",
            List.of(
                header("x-canary", new StringMatch("true", null, null)),
                header("cookie", new StringMatch(null, null, "^(.*?;)?(canary=yes)(;.*)?$"))));

    JsonNode shifted =
        RouteWeightsRendering.withWeights(json(TWO_ROUTES), weights(0, "green", 50), twoMatches);

    JsonNode test = shifted.path("spec").path("http").get(0);
    assertThat(test.path("match"))
        .isEqualTo(
            json(
                """
                [{"uri": {"prefix": "/api"}, "headers": {"x-team": {"exact": "a"},
                                                         "x-canary": {"exact": "true"}}},
                 {"uri": {"prefix": "/api"}, "headers": {"x-team": {"exact": "a"},
                                     "cookie": {"regex": "^(.*?;)?(canary=yes)(;.*)?$"}}},
                 {"uri": {"exact": "/v2"}, "headers": {"x-canary": {"exact": "true"}}},
                 {"uri": {"exact": "/v2"},
                  "headers": {"cookie": {"regex": "^(.*?;)?(canary=yes)(;.*)?$"}}}]
                """));
    assertThat(test.path("timeout").asString()).isEqualTo("5s");
    assertThat(test.path("retries")).isEqualTo(json("{\"attempts\": 3}"));
    assertThat(test.path("route"))
        .as("the green destination as the route has it, all the traffic, no port named")
        .isEqualTo(
            json(
                """
                [{"destination": {"host": "podinfo", "subset": "green"},
                  "headers": {"request": {"set": {"x-color": "green"}}}, "weight": 100}]
                """));
  }

  @Test
  void perClusterWeightsWithATestRouteGiveThoseClustersWhatAnAllClusterShiftGives()
      throws Exception {
    JsonNode blue = scenario("virtualservice-blue.yaml");
    JsonNode policy =
        RouteWeightsRendering.clusterWeights(
            PODINFO, blue, null, List.of("member1"), greenEighty(0), canaryToGreen());

    assertThat(applied(policy, blue, "member1"))
        .isEqualTo(RouteWeightsRendering.withWeights(blue, greenEighty(0), canaryToGreen()));
    assertThat(applied(policy, blue, "member2")).as("member2 is not targeted").isEqualTo(blue);
  }

  @Test
  void perClusterWeightsOverATemplateHoldingATestRouteRemoveItFirst() {
    JsonNode template =
        RouteWeightsRendering.withWeights(
            json(TWO_ROUTES), weights(1, "green", 50), canaryToGreen());
    TestRoute toBlue = new TestRoute("blue", canaryToGreen().getMatches());

    for (TestRoute asked : Arrays.asList(toBlue, null)) {
      JsonNode policy =
          RouteWeightsRendering.clusterWeights(
              PODINFO, template, null, List.of("member1"), weights(0, "green", 20), asked);
      JsonNode seen = applied(policy, template, "member1");
      assertThat(seen)
          .as("test route %s, policy %s", asked, policy)
          .isEqualTo(RouteWeightsRendering.withWeights(template, weights(0, "green", 20), asked));
    }
  }

  @Test
  void aMalformedTestRouteIsRefusedNamingTheField() {
    JsonNode twoRoutes = json(TWO_ROUTES);
    assertRefused(twoRoutes, new TestRoute("green", List.of()), "testRoute.matches");
    assertRefused(
        twoRoutes,
        new TestRoute("green", List.of(new HeaderMatch(Map.of()))),
        "testRoute.matches[0].headers");
    assertRefused(
        twoRoutes,
        new TestRoute(
            "green",
            List.of(
                header("x-canary", new StringMatch("true", null, null)),
                header("x-canary", new StringMatch("true", "t", null)))),
        "testRoute.matches[1].headers.x-canary");
    assertRefused(
        twoRoutes,
        new TestRoute("green", List.of(header("x-canary", new StringMatch(null, null, null)))),
        "testRoute.matches[0].headers.x-canary");
    assertRefused(
        twoRoutes,
        new TestRoute("green", List.of(header("x-team", new StringMatch("b", null, null)))),
        "testRoute.matches[0].headers.x-team");
  }

  private static void assertRefused(JsonNode template, TestRoute testRoute, String field) {
    assertThatThrownBy(
            () -> RouteWeightsRendering.withWeights(template, weights(0, "green", 50), testRoute))
        .as("%s refused at %s", testRoute, field)
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo(field);
    assertThatThrownBy(
            () ->
                RouteWeightsRendering.clusterWeights(
                    PODINFO, template, null, List.of("m1"), weights(0, "green", 50), testRoute))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo(field);
  }

  /** The template as placement renders it for the cluster: with the policy applied. */
  private static JsonNode applied(JsonNode policy, JsonNode template, String cluster) {
    ObjectNode manifest = (ObjectNode) template.deepCopy();
    Overrides.Outcome outcome =
        Overrides.apply(
            manifest,
            TemplateReader.read(manifest),
            Optional.empty(),
            new MemberState(cluster, Map.of(), true, true),
            List.of(KarmadaOverridePolicyReader.read(policy)));
    assertThat(outcome).as("applying %s", policy).isInstanceOf(Overrides.Outcome.Applied.class);
    return ((Overrides.Outcome.Applied) outcome).manifest();
  }

  private static final String TWO_ROUTES =
      """
      {"apiVersion": "networking.istio.io/v1", "kind": "VirtualService",
       "metadata": {"name": "podinfo", "namespace": "default"},
       "spec": {"hosts": ["podinfo"], "http": [
         {"name": "api",
          "match": [{"uri": {"prefix": "/api"}, "headers": {"x-team": {"exact": "a"}}},
                    {"uri": {"exact": "/v2"}}],
          "timeout": "5s", "retries": {"attempts": 3},
          "route": [{"destination": {"host": "podinfo", "subset": "blue"}, "weight": 100},
                    {"destination": {"host": "podinfo", "subset": "green"},
                     "headers": {"request": {"set": {"x-color": "green"}}}, "weight": 0}]},
         {"route": [{"destination": {"host": "podinfo", "subset": "blue"}}]}]}}
      """;

  private static TestRoute canaryToGreen() {
    return new TestRoute("green", List.of(header("x-canary", new StringMatch("true", null, null))));
  }

  private static HeaderMatch header(String name, StringMatch match) {
    return new HeaderMatch(Map.of(name, match));
  }

  private static RouteWeights weights(int routeIndex, String subset, int weight) {
    return new RouteWeights(
        null,
        routeIndex,
        List.of(
            new DestinationWeight("podinfo", subset, null, weight),
            new DestinationWeight("podinfo", "blue", null, 100 - weight)));
  }

  private static List<String> names(JsonNode virtualService) {
    return virtualService
        .path("spec")
        .path("http")
        .valueStream()
        .map(route -> route.path("name").asString(null))
        .toList();
  }

  private static int weightOf(JsonNode virtualService, int position, String subset) {
    for (JsonNode entry : virtualService.path("spec").path("http").get(position).path("route")) {
      if (subset.equals(entry.path("destination").path("subset").asString(null))) {
        return entry.path("weight").asInt();
      }
    }
    throw new AssertionError("no " + subset + " in route " + position + " of " + virtualService);
  }

  private static JsonNode json(String text) {
    return YAML.readTree(text);
  }

  private static RouteWeights greenEighty(int routeIndex) {
    return new RouteWeights(
        null,
        routeIndex,
        List.of(
            new DestinationWeight("podinfo", "green", 80, 80),
            new DestinationWeight("podinfo", "blue", 80, 20)));
  }

  private static JsonNode scenario(String file) throws Exception {
    return YAML.readTree(
        Files.readString(SharedScenarios.scenario("podinfo-blue-green").resolve(file)));
  }
}
