package io.kafleet.traffic.fleet;

import io.kafleet.events.RouteWeights;
import java.util.List;
import java.util.Objects;

/**
 * What placement-service sent one cluster for a VirtualService: the template generation, the
 * content hash the agent reports back once applied, the weights of each of the user's http routes
 * in it (numbered as the user wrote them, see {@link Routes}) and kafleet's test route in it, null
 * when it has none.
 */
public record WorkView(
    long generation, String contentHash, List<RouteWeights> routes, RouteWeights testRoute) {
  public WorkView {
    Objects.requireNonNull(contentHash, "contentHash");
    routes = List.copyOf(routes);
  }

  /** The work's view from every http route of its manifest ({@link Routes#all}). */
  public static WorkView of(long generation, String contentHash, List<RouteWeights> allRoutes) {
    return new WorkView(
        generation,
        contentHash,
        Routes.userRoutes(allRoutes),
        Routes.testRoute(allRoutes).orElse(null));
  }
}
