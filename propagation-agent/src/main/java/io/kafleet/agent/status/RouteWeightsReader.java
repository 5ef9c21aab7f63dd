package io.kafleet.agent.status;

import static io.kafleet.agent.status.Fields.at;
import static io.kafleet.agent.status.Fields.list;

import io.kafleet.events.DestinationWeight;
import io.kafleet.events.RouteWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The weighted destinations of a VirtualService's HTTP routes, as its spec holds them. */
final class RouteWeightsReader {

  private RouteWeightsReader() {}

  static List<RouteWeights> read(Map<String, Object> virtualService) {
    List<RouteWeights> routes = new ArrayList<>();
    List<?> http = list(virtualService, "spec", "http");
    for (int index = 0; index < http.size(); index++) {
      Object route = http.get(index);
      List<?> destinations = list(route, "route");
      List<DestinationWeight> weights = new ArrayList<>();
      for (Object destination : destinations) {
        weights.add(destination(destination, destinations.size()));
      }
      routes.add(
          RouteWeights.newBuilder()
              .setRouteName(Fields.text(route, "name").orElse(null))
              .setRouteIndex(index)
              .setDestinations(weights)
              .build());
    }
    return routes;
  }

  // Istio sends all traffic to a lone destination without a weight; several without weights get 0.
  private static DestinationWeight destination(Object destination, int siblings) {
    long weight = Fields.number(destination, siblings == 1 ? 100 : 0, "weight");
    Object port = at(destination, "destination", "port", "number").orElse(null);
    return DestinationWeight.newBuilder()
        .setHost(Fields.text(destination, "destination", "host").orElse(""))
        .setSubset(Fields.text(destination, "destination", "subset").orElse(null))
        .setPort(port instanceof Number number ? number.intValue() : null)
        .setWeight((int) weight)
        .build();
  }
}
