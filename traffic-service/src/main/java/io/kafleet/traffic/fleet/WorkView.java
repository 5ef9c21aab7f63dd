package io.kafleet.traffic.fleet;

import io.kafleet.events.RouteWeights;
import java.util.List;
import java.util.Objects;

/**
 * What placement-service sent one cluster for a VirtualService: the template generation, the
 * content hash the agent reports back once applied, and the weights of each http route in it.
 */
public record WorkView(long generation, String contentHash, List<RouteWeights> routes) {
  public WorkView {
    Objects.requireNonNull(contentHash, "contentHash");
    routes = List.copyOf(routes);
  }
}
