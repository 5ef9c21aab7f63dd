package io.kafleet.traffic.shifts;

import io.kafleet.events.DestinationWeight;
import io.kafleet.events.HeaderMatch;
import io.kafleet.events.RouteWeights;
import io.kafleet.events.StringMatch;
import io.kafleet.events.TestRoute;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.traffic.fleet.FleetView;
import io.kafleet.traffic.fleet.ObjectKeys;
import io.kafleet.traffic.fleet.Routes;
import io.kafleet.traffic.fleet.StoredTemplate;
import io.kafleet.validation.Hosts;
import io.kafleet.validation.KnownRoutes;
import io.kafleet.validation.KnownSubsets;
import io.kafleet.validation.RouteSelector;
import io.kafleet.validation.RouteShift;
import io.kafleet.validation.SubsetWeight;
import io.kafleet.validation.ValidationResult;
import io.kafleet.validation.Violation;
import io.kafleet.validation.WeightShiftValidation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Checks a weight shift against the fleet as it is and turns it into the route's new destinations.
 * The route's destinations must all go to one host (the Service whose subsets are weighed); that
 * host must be a Service template and have a DestinationRule template defining the subsets. A test
 * route must send to one of those subsets and select requests by headers, each header by exactly
 * one of exact, prefix and regex. Routes are counted as the user wrote them, without kafleet's test
 * route ({@link Routes}). Pure.
 */
public final class ShiftPlanning {

  /** Istio matches header names as HTTP/2 carries them: lower case. */
  private static final Pattern HEADER_NAME = Pattern.compile("[a-z0-9][-a-z0-9_.]*");

  private static final Pattern WEIGHT_FIELD =
      Pattern.compile("weights\\[(\\d+)]\\.(weight|subset)");

  private ShiftPlanning() {}

  public static Plan plan(ShiftRequest request, FleetView fleet) {
    ObjectKey key = ObjectKeys.virtualService(request.namespace(), request.name());
    String vsName = request.namespace() + "/" + request.name();
    StoredTemplate template = fleet.template(key).orElse(null);
    if (template == null) {
      return new Plan.Rejected(
          List.of(
              new Violation(
                  "virtualService",
                  "VirtualService " + vsName + " is not a fleet template (apply it first)")));
    }
    List<Violation> violations = new ArrayList<>();
    KnownRoutes routes = Routes.names(template.document());
    OptionalInt index = resolve(request.route(), routes);
    RouteWeights current =
        index.isPresent() ? Routes.weights(template.document()).get(index.getAsInt()) : null;
    String host = current == null ? null : host(current, index.getAsInt(), violations);
    KnownSubsets subsets = subsets(request, host, fleet, violations);

    ValidationResult result =
        WeightShiftValidation.validate(
            new RouteShift(vsName, request.route(), request.weights()), routes, subsets);
    if (result instanceof ValidationResult.Rejected rejected) {
      rejected.violations().forEach(v -> violations.add(inRequestTerms(v, request.weights())));
    }
    if (request.testRoute() != null) {
      checkTestRoute(request.testRoute(), subsets, violations);
    }
    List<String> targets = targets(request, key, vsName, fleet, violations);
    if (!violations.isEmpty()) {
      return new Plan.Rejected(violations);
    }
    List<DestinationWeight> destinations =
        request.weights().stream()
            .map(
                w ->
                    new DestinationWeight(
                        host, w.subset(), port(current, host, w.subset()), w.weight()))
            .toList();
    String routeName =
        request.route() instanceof RouteSelector.ByName byName ? byName.name() : null;
    return new Plan.Accepted(
        key,
        new RouteWeights(routeName, index.getAsInt(), destinations),
        template.generation(),
        targets);
  }

  private static OptionalInt resolve(RouteSelector selector, KnownRoutes routes) {
    List<String> names = routes.routeNames();
    if (selector instanceof RouteSelector.ByIndex byIndex) {
      int i = byIndex.index();
      return i >= 0 && i < names.size() ? OptionalInt.of(i) : OptionalInt.empty();
    }
    String name = ((RouteSelector.ByName) selector).name();
    List<Integer> matches =
        IntStream.range(0, names.size()).filter(i -> name.equals(names.get(i))).boxed().toList();
    return matches.size() == 1 ? OptionalInt.of(matches.get(0)) : OptionalInt.empty();
  }

  private static String host(RouteWeights current, int index, List<Violation> violations) {
    Set<String> hosts = new LinkedHashSet<>();
    current.getDestinations().forEach(d -> hosts.add(d.getHost()));
    if (hosts.size() == 1) {
      return hosts.iterator().next();
    }
    violations.add(
        new Violation(
            "route",
            hosts.isEmpty()
                ? "http route " + index + " has no destinations to weigh"
                : "http route "
                    + index
                    + " sends to several hosts ("
                    + String.join(", ", hosts)
                    + "); a shift weighs the subsets of one host"));
    return null;
  }

  private static KnownSubsets subsets(
      ShiftRequest request, String host, FleetView fleet, List<Violation> violations) {
    // Without a host to look at, only the route's own violation is reported, not every subset.
    Set<String> asked =
        request.weights().stream()
            .map(SubsetWeight::subset)
            .collect(Collectors.toCollection(HashSet::new));
    if (request.testRoute() != null && request.testRoute().getSubset() != null) {
      asked.add(request.testRoute().getSubset());
    }
    if (host == null) {
      return new KnownSubsets("(unknown)", asked);
    }
    String qualified = Hosts.qualify(host, request.namespace());
    if (!fleet.serviceKnown(qualified)) {
      violations.add(
          new Violation(
              "virtualService",
              "destination host "
                  + host
                  + " ("
                  + qualified
                  + ") is not a Service known to the fleet"));
    }
    return fleet
        .destinationRuleFor(qualified)
        .orElseGet(
            () -> {
              violations.add(
                  new Violation(
                      "virtualService",
                      "no DestinationRule for host "
                          + host
                          + " ("
                          + qualified
                          + ") is a fleet template, so its subsets are unknown"));
              return new KnownSubsets("(none)", asked);
            });
  }

  private static void checkTestRoute(
      TestRoute testRoute, KnownSubsets subsets, List<Violation> out) {
    String subset = testRoute.getSubset();
    if (subset == null || subset.isBlank()) {
      out.add(new Violation("testRoute.subset", "subset name is empty"));
    } else {
      WeightShiftValidation.unknownSubset(subset, subsets)
          .ifPresent(message -> out.add(new Violation("testRoute.subset", message)));
    }
    if (testRoute.getMatches().isEmpty()) {
      out.add(
          new Violation(
              "testRoute.matches",
              "no header match given: without one the test route would take every request of the"
                  + " route"));
    }
    out.addAll(testMatchViolations("testRoute.matches", testRoute.getMatches()));
  }

  /**
   * What is wrong with header matches: a match without a header (it would select every request), a
   * header name Istio does not match (it matches them in lower case), a header not matched by
   * exactly one of exact, prefix and regex.
   */
  public static List<Violation> testMatchViolations(String field, List<HeaderMatch> matches) {
    List<Violation> out = new ArrayList<>();
    for (int i = 0; i < matches.size(); i++) {
      String at = field + "[" + i + "].headers";
      Map<String, StringMatch> headers = matches.get(i).getHeaders();
      if (headers.isEmpty()) {
        out.add(new Violation(at, "no header given: an empty match selects every request"));
      }
      for (Map.Entry<String, StringMatch> header : new TreeMap<>(headers).entrySet()) {
        if (!HEADER_NAME.matcher(header.getKey()).matches()) {
          out.add(
              new Violation(at, "'" + header.getKey() + "' is not a lower-case HTTP header name"));
          continue;
        }
        StringMatch match = header.getValue();
        List<String> set = new ArrayList<>();
        if (match.getExact() != null) {
          set.add("exact");
        }
        if (match.getPrefix() != null) {
          set.add("prefix");
        }
        if (match.getRegex() != null) {
          set.add("regex");
        }
        if (set.size() != 1) {
          out.add(
              new Violation(
                  at + "." + header.getKey(),
                  "must set exactly one of exact, prefix and regex"
                      + (set.isEmpty()
                          ? "; it sets none"
                          : "; it sets " + String.join(" and ", set))));
        }
      }
    }
    return out;
  }

  private static List<String> targets(
      ShiftRequest request, ObjectKey key, String vsName, FleetView fleet, List<Violation> out) {
    Set<String> holding = fleet.clustersHolding(key);
    if (request.clusters().isEmpty()) {
      if (holding.isEmpty()) {
        out.add(
            new Violation(
                "virtualService",
                "VirtualService "
                    + vsName
                    + " is not placed in any cluster yet: nothing would take the shift"));
      }
      return List.copyOf(holding);
    }
    for (int i = 0; i < request.clusters().size(); i++) {
      String cluster = request.clusters().get(i);
      if (!holding.contains(cluster)) {
        out.add(
            new Violation(
                "clusters[" + i + "]",
                "VirtualService "
                    + vsName
                    + " is not placed in cluster "
                    + cluster
                    + (holding.isEmpty()
                        ? " (it is in none)"
                        : " (it is in: " + String.join(", ", holding) + ")")));
      }
    }
    return request.clusters();
  }

  /** The route's port for the subset, so a rendered destination names it like its neighbours. */
  private static Integer port(RouteWeights current, String host, String subset) {
    Set<Integer> ports = new LinkedHashSet<>();
    for (DestinationWeight d : current.getDestinations()) {
      if (Objects.equals(d.getSubset(), subset) && d.getPort() != null) {
        return d.getPort();
      }
      if (d.getHost().equals(host) && d.getPort() != null) {
        ports.add(d.getPort());
      }
    }
    return ports.size() == 1 ? ports.iterator().next() : null;
  }

  /**
   * {@code weights[1].subset} in the validator's terms is {@code weights.blue} in the request's.
   */
  private static Violation inRequestTerms(Violation violation, List<SubsetWeight> weights) {
    Matcher m = WEIGHT_FIELD.matcher(violation.field());
    if (!m.matches()) {
      return violation;
    }
    return new Violation(
        "weights." + weights.get(Integer.parseInt(m.group(1))).subset(), violation.message());
  }
}
