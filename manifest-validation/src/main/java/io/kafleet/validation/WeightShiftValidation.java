package io.kafleet.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Checks a weight shift for one VirtualService route before anything is published, against the
 * VirtualService's routes and the DestinationRule's subsets as they are now, by the same {@link
 * WeightRules} as an applied VirtualService. Every violation is collected, so that the user can fix
 * the request in one go.
 */
public final class WeightShiftValidation {

  public static final int TOTAL = WeightRules.TOTAL;

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

  /**
   * Why {@code subset} cannot be named where the DestinationRule's subsets are expected (such as
   * the subset of a test route), or empty when it can.
   */
  public static Optional<String> unknownSubset(String subset, KnownSubsets subsets) {
    return WeightRules.unknownSubset(subset, subsets);
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
      WeightRules.outOfRange(w.weight(), w.subset())
          .ifPresent(message -> out.add(new Violation(at + ".weight", message)));
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
      } else {
        WeightRules.unknownSubset(w.subset(), subsets)
            .ifPresent(message -> out.add(new Violation(at + ".subset", message)));
      }
    }
    WeightRules.wrongSum(sum).ifPresent(message -> out.add(new Violation("weights", message)));
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
