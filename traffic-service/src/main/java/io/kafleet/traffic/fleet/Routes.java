package io.kafleet.traffic.fleet;

import io.kafleet.events.DestinationWeight;
import io.kafleet.events.RouteWeights;
import io.kafleet.validation.KnownRoutes;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads the http routes of a VirtualService document (template or rendered work). Pure. */
public final class Routes {

  private Routes() {}

  /** Each http route's name, or null where it has none, in order. */
  public static KnownRoutes names(JsonNode virtualService) {
    List<String> names = new ArrayList<>();
    for (JsonNode route : virtualService.path("spec").path("http")) {
      names.add(route.path("name").asString(null));
    }
    return new KnownRoutes(names);
  }

  /**
   * The destinations of every http route, in order. A lone destination without a weight gets all
   * the traffic, as in Istio: weight 100.
   */
  public static List<RouteWeights> weights(JsonNode virtualService) {
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
}
