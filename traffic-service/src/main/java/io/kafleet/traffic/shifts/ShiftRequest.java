package io.kafleet.traffic.shifts;

import io.kafleet.events.TestRoute;
import io.kafleet.validation.RouteSelector;
import io.kafleet.validation.SubsetWeight;
import java.util.List;
import java.util.Objects;

/**
 * A weight shift as asked for: through the API today, by a rollout step tomorrow ({@code rolloutId}
 * and {@code correlationId} travel with it into the published command and its events). {@code
 * testRoute} is the header-matched route to the test subset the route should have after the shift,
 * null for none (a shift describes the route whole: without one, any test route goes).
 */
public record ShiftRequest(
    String namespace,
    String name,
    RouteSelector route,
    List<SubsetWeight> weights,
    TestRoute testRoute,
    List<String> clusters,
    String requestedBy,
    String reason,
    String rolloutId,
    String correlationId) {

  public ShiftRequest {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(requestedBy, "requestedBy");
    weights = List.copyOf(weights);
    clusters = List.copyOf(clusters);
  }
}
