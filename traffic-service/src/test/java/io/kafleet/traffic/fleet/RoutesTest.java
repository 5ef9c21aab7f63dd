package io.kafleet.traffic.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.HeaderMatch;
import io.kafleet.events.RouteWeights;
import io.kafleet.events.StringMatch;
import io.kafleet.events.TestRoute;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RoutesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Routes api, kafleet's test route, then an unnamed default route, as an agent reads them. */
  private static final String WITH_TEST_ROUTE =
      """
      {"spec":{"http":[
        {"name":"api","route":[{"destination":{"host":"podinfo","subset":"blue"}}]},
        {"name":"kafleet-test-route",
         "match":[{"uri":{"prefix":"/"},"headers":{"x-canary":{"exact":"true"}}},
                  {"headers":{"cookie":{"regex":"canary"}}}],
         "route":[{"destination":{"host":"podinfo","subset":"green"},"weight":100}]},
        {"route":[{"destination":{"host":"podinfo","subset":"blue"}}]}]}}
      """;

  @Test
  void theUsersRoutesAreNumberedWithoutKafleetsTestRoute() {
    List<RouteWeights> all = Routes.all(JSON.readTree(WITH_TEST_ROUTE));
    assertThat(all).extracting(RouteWeights::getRouteIndex).containsExactly(0, 1, 2);

    assertThat(Routes.userRoutes(all))
        .extracting(route -> route.getRouteName() + "@" + route.getRouteIndex())
        .containsExactly("api@0", "null@1");
    assertThat(Routes.weights(JSON.readTree(WITH_TEST_ROUTE))).isEqualTo(Routes.userRoutes(all));
    assertThat(Routes.names(JSON.readTree(WITH_TEST_ROUTE)).routeNames())
        .containsExactly("api", null);
    assertThat(Routes.testRoute(all))
        .get()
        .extracting(RouteWeights::getRouteIndex)
        .as("the test route keeps its place in the document")
        .isEqualTo(1);
  }

  @Test
  void theTestRouteOfADocumentReadsAsAShiftWouldAskForIt() {
    assertThat(Routes.testRoute(JSON.readTree(WITH_TEST_ROUTE)))
        .contains(
            new TestRoute(
                "green",
                List.of(
                    new HeaderMatch(Map.of("x-canary", new StringMatch("true", null, null))),
                    new HeaderMatch(Map.of("cookie", new StringMatch(null, null, "canary"))))));
  }
}
