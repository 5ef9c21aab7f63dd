package io.kafleet.traffic.fleet;

import io.kafleet.events.DestinationWeight;
import io.kafleet.events.RouteWeights;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** Compares and prints route weights. Pure. */
public final class Weights {

  private static final Comparator<DestinationWeight> ORDER =
      Comparator.comparing(DestinationWeight::getHost)
          .thenComparing(d -> String.valueOf(d.getSubset()))
          .thenComparingInt(DestinationWeight::getWeight);

  private Weights() {}

  /**
   * True when both send the same share to the same host and subset, in any order. A port counts
   * only where both name one: the API server keeps what the work said, and a requested
   * destination's port is taken from the route, so a missing one is no disagreement.
   */
  public static boolean same(RouteWeights a, RouteWeights b) {
    if (a == null || b == null) {
      return false;
    }
    List<DestinationWeight> left = a.getDestinations().stream().sorted(ORDER).toList();
    List<DestinationWeight> right = b.getDestinations().stream().sorted(ORDER).toList();
    if (left.size() != right.size()) {
      return false;
    }
    for (int i = 0; i < left.size(); i++) {
      DestinationWeight l = left.get(i);
      DestinationWeight r = right.get(i);
      boolean portsAgree =
          l.getPort() == null || r.getPort() == null || l.getPort().equals(r.getPort());
      if (!l.getHost().equals(r.getHost())
          || !Objects.equals(l.getSubset(), r.getSubset())
          || l.getWeight() != r.getWeight()
          || !portsAgree) {
        return false;
      }
    }
    return true;
  }

  /** The route {@code wanted} is about, among the routes of one VirtualService. */
  public static Optional<RouteWeights> sameRoute(List<RouteWeights> routes, RouteWeights wanted) {
    return routes.stream()
        .filter(
            route ->
                wanted.getRouteName() != null
                    ? wanted.getRouteName().equals(route.getRouteName())
                    : route.getRouteIndex() == wanted.getRouteIndex())
        .findFirst();
  }

  /** {@code green=80,blue=20}, or {@code host/subset=weight} where the subset is missing. */
  public static String describe(RouteWeights weights) {
    if (weights == null) {
      return "nothing";
    }
    return weights.getDestinations().stream()
        .map(d -> (d.getSubset() == null ? d.getHost() : d.getSubset()) + "=" + d.getWeight())
        .collect(Collectors.joining(","));
  }
}
