package io.kafleet.validation;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A requested change of the weights of one http route of a VirtualService. The weights are a list,
 * as the route's destinations are in the VirtualService, so that a subset named twice can be
 * reported instead of being silently merged.
 */
public record RouteShift(String virtualService, RouteSelector route, List<SubsetWeight> weights) {

  public RouteShift {
    Objects.requireNonNull(virtualService, "virtualService");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(weights, "weights");
    weights = List.copyOf(weights);
  }

  /** A shift from weights by subset, in the map's iteration order (see {@link WeightsParser}). */
  public static RouteShift of(
      String virtualService, RouteSelector route, Map<String, Integer> weightsBySubset) {
    Objects.requireNonNull(weightsBySubset, "weightsBySubset");
    List<SubsetWeight> weights =
        weightsBySubset.entrySet().stream()
            .map(e -> new SubsetWeight(e.getKey(), requireWeight(e.getKey(), e.getValue())))
            .toList();
    return new RouteShift(virtualService, route, weights);
  }

  private static int requireWeight(String subset, Integer weight) {
    if (weight == null) {
      throw new IllegalArgumentException("weight for subset " + subset + " is null");
    }
    return weight;
  }
}
