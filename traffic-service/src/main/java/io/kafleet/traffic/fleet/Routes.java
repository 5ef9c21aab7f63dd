package io.kafleet.traffic.fleet;

import io.kafleet.events.DestinationWeight;
import io.kafleet.events.HeaderMatch;
import io.kafleet.events.RouteWeights;
import io.kafleet.events.StringMatch;
import io.kafleet.events.TestRoute;
import io.kafleet.validation.KnownRoutes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads the http routes of a VirtualService document (template or rendered work), and of an agent's
 * report of one. Pure.
 *
 * <p>kafleet's test route (the http route named {@value #TEST_ROUTE}, which placement-service
 * renders before a shifted route when the shift asks for header-matched test traffic) is not one of
 * the user's routes: the user's routes are read without it and numbered as the user wrote them, so
 * that a shift's route index means the same before and after a test route comes or goes.
 */
public final class Routes {

  /** The name placement-service gives kafleet's test route. */
  public static final String TEST_ROUTE = KnownRoutes.TEST_ROUTE;

  private Routes() {}

  /** Each of the user's http routes' name, or null where it has none, in order. */
  public static KnownRoutes names(JsonNode virtualService) {
    List<String> names = new ArrayList<>();
    for (RouteWeights route : weights(virtualService)) {
      names.add(route.getRouteName());
    }
    return new KnownRoutes(names);
  }

  /**
   * The destinations of each of the user's http routes, numbered without kafleet's test route. A
   * lone destination without a weight gets all the traffic, as in Istio: weight 100.
   */
  public static List<RouteWeights> weights(JsonNode virtualService) {
    return userRoutes(all(virtualService));
  }

  /**
   * Every http route, kafleet's test route included, numbered by its place in the document: what an
   * agent reports of the VirtualService it applied.
   */
  public static List<RouteWeights> all(JsonNode virtualService) {
    List<RouteWeights> routes = new ArrayList<>();
    JsonNode http = virtualService.path("spec").path("http");
    for (int i = 0; i < http.size(); i++) {
      JsonNode route = http.get(i);
      List<DestinationWeight> destinations = new ArrayList<>();
      JsonNode entries = route.path("route");
      for (JsonNode entry : entries) {
        JsonNode destination = entry.path("destination");
        JsonNode port = destination.path("port").path("number");
        int defaultWeight = entries.size() == 1 ? 100 : 0;
        destinations.add(
            new DestinationWeight(
                destination.path("host").asString(""),
                destination.path("subset").asString(null),
                port.isIntegralNumber() ? port.intValue() : null,
                entry.path("weight").asInt(defaultWeight)));
      }
      routes.add(new RouteWeights(route.path("name").asString(null), i, destinations));
    }
    return routes;
  }

  /**
   * The routes without kafleet's test route, each numbered among the rest: a route after the test
   * route moves up by one.
   */
  public static List<RouteWeights> userRoutes(List<RouteWeights> routes) {
    Optional<RouteWeights> test = testRoute(routes);
    List<RouteWeights> users = new ArrayList<>();
    for (RouteWeights route : routes) {
      if (isTestRoute(route)) {
        continue;
      }
      boolean after = test.isPresent() && route.getRouteIndex() > test.get().getRouteIndex();
      users.add(
          after
              ? new RouteWeights(
                  route.getRouteName(), route.getRouteIndex() - 1, route.getDestinations())
              : route);
    }
    return users;
  }

  /** kafleet's test route among the routes, as it is numbered among them. */
  public static Optional<RouteWeights> testRoute(List<RouteWeights> routes) {
    return routes.stream().filter(Routes::isTestRoute).findFirst();
  }

  /**
   * kafleet's test route in a VirtualService document, as a shift would ask for it: its subset
   * (that of its first destination) and the headers each of its matches requires.
   */
  public static Optional<TestRoute> testRoute(JsonNode virtualService) {
    for (JsonNode route : virtualService.path("spec").path("http")) {
      if (!TEST_ROUTE.equals(route.path("name").asString(null))) {
        continue;
      }
      List<HeaderMatch> matches = new ArrayList<>();
      for (JsonNode match : route.path("match")) {
        Map<String, StringMatch> headers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> header : match.path("headers").properties()) {
          JsonNode value = header.getValue();
          headers.put(
              header.getKey(),
              new StringMatch(
                  value.path("exact").asString(null),
                  value.path("prefix").asString(null),
                  value.path("regex").asString(null)));
        }
        matches.add(new HeaderMatch(headers));
      }
      String subset = route.path("route").path(0).path("destination").path("subset").asString("");
      return Optional.of(new TestRoute(subset, matches));
    }
    return Optional.empty();
  }

  private static boolean isTestRoute(RouteWeights route) {
    return TEST_ROUTE.equals(route.getRouteName());
  }
}
