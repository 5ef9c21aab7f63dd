package io.kafleet.traffic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Checks a weight shift for one VirtualService route before anything is published, against the
 * VirtualService's routes and the DestinationRule's subsets as they are now. Every violation is
 * collected, so that the user can fix the request in one go.
 */
public final class WeightShiftValidation {

  static final int TOTAL = 100;

  private WeightShiftValidation() {}

  public static ValidationResult validate(
      RouteShift shift, KnownRoutes routes, KnownSubsets subsets) {
    Objects.requireNonNull(shift, "shift");
    Objects.requireNonNull(routes, "routes");
    Objects.requireNonNull(subsets, "subsets");
    List<Violation> violations = new ArrayList<>();
    if (shift.virtualService().isBlank()) {
      violations.add(new Violation("virtualService", "VirtualService name is empty"));
    }
    checkRoute(shift, routes.routeNames(), violations);
    checkWeights(shift.weights(), subsets, violations);
    return violations.isEmpty()
        ? new ValidationResult.Valid()
        : new ValidationResult.Rejected(violations);
  }

  private static void checkRoute(RouteShift shift, List<String> names, List<Violation> out) {
    String vs = shift.virtualService();
    if (shift.route() instanceof RouteSelector.ByIndex byIndex) {
      int index = byIndex.index();
      if (index < 0 || index >= names.size()) {
        out.add(
            new Violation(
                "route.index",
                "route index %d is out of range: VirtualService %s has %s"
                    .formatted(index, vs, describeRouteCount(names.size()))));
      }
    } else if (shift.route() instanceof RouteSelector.ByName byName) {
      checkRouteName(byName.name(), vs, names, out);
    }
  }

  private static void checkRouteName(
      String name, String vs, List<String> names, List<Violation> out) {
    if (name.isBlank()) {
      out.add(new Violation("route.name", "route name is empty"));
      return;
    }
    List<Integer> matches =
        IntStream.range(0, names.size()).filter(i -> name.equals(names.get(i))).boxed().toList();
    if (matches.isEmpty()) {
      List<String> named = names.stream().filter(Objects::nonNull).toList();
      String known = named.isEmpty() ? "it has no named routes" : "named routes: " + join(named);
      out.add(
          new Violation(
              "route.name",
              "route \"%s\" is not in VirtualService %s (%s)".formatted(name, vs, known)));
    } else if (matches.size() > 1) {
      // Istio does not require unique route names; shifting one of them would be a guess.
      out.add(
          new Violation(
              "route.name",
              "route name \"%s\" matches http routes %s of VirtualService %s;"
                      .formatted(name, join(matches), vs)
                  + " select the route by index instead"));
    }
  }

  private static void checkWeights(
      List<SubsetWeight> weights, KnownSubsets subsets, List<Violation> out) {
    if (weights.isEmpty()) {
      out.add(new Violation("weights", "no weights given; expected at least one subset=weight"));
      return;
    }
    Map<String, Integer> firstIndexBySubset = new HashMap<>();
    long sum = 0;
    for (int i = 0; i < weights.size(); i++) {
      SubsetWeight w = weights.get(i);
      String at = "weights[" + i + "]";
      sum += w.weight();
      if (w.weight() < 0 || w.weight() > TOTAL) {
        out.add(
            new Violation(
                at + ".weight",
                "weight %d for subset \"%s\" is not in 0..%d"
                    .formatted(w.weight(), w.subset(), TOTAL)));
      }
      if (w.subset().isBlank()) {
        out.add(new Violation(at + ".subset", "subset name is empty"));
        continue;
      }
      Integer earlier = firstIndexBySubset.putIfAbsent(w.subset(), i);
      if (earlier != null) {
        out.add(
            new Violation(
                at + ".subset",
                "subset \"%s\" is named twice (weights[%d] and %s)"
                    .formatted(w.subset(), earlier, at)));
      } else if (!subsets.names().contains(w.subset())) {
        out.add(new Violation(at + ".subset", unknownSubset(w.subset(), subsets)));
      }
    }
    if (sum != TOTAL) {
      out.add(new Violation("weights", "weights sum to %d, not %d".formatted(sum, TOTAL)));
    }
  }

  private static String unknownSubset(String subset, KnownSubsets subsets) {
    // Sorted, so that the message does not depend on the set's iteration order.
    String known =
        subsets.names().isEmpty()
            ? "it defines no subsets"
            : "known: " + join(new TreeSet<>(subsets.names()));
    return "subset \"%s\" is not in DestinationRule %s (%s)"
        .formatted(subset, subsets.destinationRule(), known);
  }

  private static String describeRouteCount(int count) {
    return switch (count) {
      case 0 -> "no http routes";
      case 1 -> "1 http route (index 0)";
      default -> "%d http routes (indices 0..%d)".formatted(count, count - 1);
    };
  }

  private static String join(Collection<?> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
