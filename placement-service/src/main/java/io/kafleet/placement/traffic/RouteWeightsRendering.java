package io.kafleet.placement.traffic;

import io.kafleet.events.DestinationWeight;
import io.kafleet.events.HeaderMatch;
import io.kafleet.events.RouteWeights;
import io.kafleet.events.StringMatch;
import io.kafleet.events.TestRoute;
import io.kafleet.placement.input.InvalidInputException;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.validation.KnownRoutes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a weight shift into the documents the fleet stores: the VirtualService with one route's
 * destinations replaced (a shift for every cluster), or a Karmada OverridePolicy that replaces the
 * route in the named clusters only (a shift for some clusters, e.g. one rollout wave). Pure.
 *
 * <p>A shift also says whether kafleet's test route exists (Flagger's A/B testing): an http route
 * named {@value #TEST_ROUTE}, placed just before the shifted route, that sends the requests the
 * shifted route matches and that also carry the test headers to one subset of the route's host.
 * There is at most one per VirtualService; every shift removes the one there is and, when it asks
 * for one, renders it anew. Route indexes ({@link RouteWeights#getRouteIndex()}) count the routes
 * without it, so that they stay what the user sees in the VirtualService they applied.
 *
 * <p>The test route is a copy of the shifted route (its timeout, retries, rewrite, header
 * manipulation, fault injection, mirroring, CORS policy) but for its name, its match and its
 * destination: test requests then meet exactly what the route's other requests meet, apart from the
 * subset that serves them, which is what an A/B comparison needs. Flagger's A/B route copies the
 * same settings from its service onto the canary route.
 */
public final class RouteWeightsRendering {

  /** A route of this name is kafleet's, never the user's. */
  public static final String TEST_ROUTE = KnownRoutes.TEST_ROUTE;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private RouteWeightsRendering() {}

  /**
   * The VirtualService with the route's destinations as the shift asks, and kafleet's test route
   * before it when {@code testRoute} is given (none otherwise); the input is unchanged.
   */
  public static ObjectNode withWeights(
      JsonNode virtualService, RouteWeights weights, TestRoute testRoute) {
    check(testRoute);
    ObjectNode copy = (ObjectNode) virtualService.deepCopy();
    if (copy.path("spec").path("http") instanceof ArrayNode http) {
      for (int i = http.size() - 1; i >= 0; i--) {
        if (isTestRoute(http.get(i))) {
          http.remove(i);
        }
      }
    }
    JsonNode http = copy.path("spec").path("http");
    int index = routeIndex(http, weights);
    ObjectNode shifted = (ObjectNode) http.get(index);
    shifted.set("route", route(shifted.path("route"), weights));
    if (testRoute != null) {
      ((ArrayNode) http).insert(index, testRoute(shifted, weights, testRoute));
    }
    return copy;
  }

  /** The name of the OverridePolicy that carries a VirtualService's per-cluster weights. */
  public static ObjectKey clusterWeightsPolicy(ObjectKey virtualService) {
    return new ObjectKey(
        "policy.karmada.io",
        "OverridePolicy",
        virtualService.namespace(),
        "kafleet-weights-" + virtualService.name());
  }

  /**
   * The OverridePolicy that sets the route's weights (and kafleet's test route, as the shift asks)
   * in the given clusters, keeping the rules the previous version had for other clusters. Its
   * operations for those clusters, applied in order to the template as stored, give what {@link
   * #withWeights} gives: remove the template's test route, if it has one; replace the route's
   * destinations; add the test route before the route, if asked.
   */
  public static ObjectNode clusterWeights(
      ObjectKey virtualService,
      JsonNode template,
      JsonNode previousPolicy,
      List<String> clusters,
      RouteWeights weights,
      TestRoute testRoute) {
    check(testRoute);
    JsonNode templateHttp = template.path("spec").path("http");
    ArrayNode userHttp = JSON.createArrayNode();
    List<Integer> testRoutes = new ArrayList<>();
    for (int i = 0; i < templateHttp.size(); i++) {
      if (isTestRoute(templateHttp.get(i))) {
        testRoutes.add(i);
      } else {
        userHttp.add(templateHttp.get(i));
      }
    }
    int index = routeIndex(userHttp, weights);
    ArrayNode rules = JSON.createArrayNode();
    if (previousPolicy != null) {
      for (JsonNode rule : previousPolicy.path("spec").path("overrideRules")) {
        ObjectNode kept = (ObjectNode) rule.deepCopy();
        ArrayNode names = JSON.createArrayNode();
        rule.path("targetCluster")
            .path("clusterNames")
            .forEach(
                name -> {
                  if (!clusters.contains(name.asString())) {
                    names.add(name);
                  }
                });
        if (!names.isEmpty()) {
          ((ObjectNode) kept.get("targetCluster")).set("clusterNames", names);
          rules.add(kept);
        }
      }
    }
    ObjectNode rule = rules.addObject();
    ArrayNode names = rule.putObject("targetCluster").putArray("clusterNames");
    clusters.stream().sorted().forEach(names::add);
    ArrayNode operations = rule.putObject("overriders").putArray("plaintext");
    // Last first, so that each removal leaves the positions of the ones still to remove.
    for (int i = testRoutes.size() - 1; i >= 0; i--) {
      operations
          .addObject()
          .put("path", "/spec/http/" + testRoutes.get(i))
          .put("operator", "remove");
    }
    // From here the positions are those of the user's routes.
    ObjectNode shifted = (ObjectNode) userHttp.get(index).deepCopy();
    shifted.set("route", route(shifted.path("route"), weights));
    ObjectNode replace = operations.addObject();
    replace.put("path", "/spec/http/" + index + "/route");
    replace.put("operator", "replace");
    replace.set("value", shifted.get("route"));
    if (testRoute != null) {
      ObjectNode add = operations.addObject();
      add.put("path", "/spec/http/" + index);
      add.put("operator", "add");
      add.set("value", testRoute(shifted, weights, testRoute));
    }

    ObjectKey key = clusterWeightsPolicy(virtualService);
    ObjectNode policy = JSON.createObjectNode();
    policy.put("apiVersion", "policy.karmada.io/v1alpha1");
    policy.put("kind", "OverridePolicy");
    policy.putObject("metadata").put("name", key.name()).put("namespace", key.namespace());
    ObjectNode spec = policy.putObject("spec");
    ObjectNode selector = spec.putArray("resourceSelectors").addObject();
    selector.put("apiVersion", template.path("apiVersion").asString());
    selector.put("kind", "VirtualService");
    selector.put("name", virtualService.name());
    spec.set("overrideRules", rules);
    return policy;
  }

  private static boolean isTestRoute(JsonNode route) {
    return TEST_ROUTE.equals(route.path("name").asString(null));
  }

  /** The route the shift is about, among the user's routes (kafleet's test route left out). */
  private static int routeIndex(JsonNode http, RouteWeights weights) {
    if (weights.getRouteName() != null) {
      for (int i = 0; i < http.size(); i++) {
        if (weights.getRouteName().equals(http.get(i).path("name").asString(null))) {
          return i;
        }
      }
      throw new InvalidInputException(
          "weights.routeName", "no http route is named '" + weights.getRouteName() + "'");
    }
    if (weights.getRouteIndex() < 0 || weights.getRouteIndex() >= http.size()) {
      throw new InvalidInputException(
          "weights.routeIndex",
          weights.getRouteIndex()
              + " is out of range: the VirtualService has "
              + http.size()
              + " http routes");
    }
    return weights.getRouteIndex();
  }

  /** Refuses a test route that would select requests it should not, or is not readable. */
  private static void check(TestRoute testRoute) {
    if (testRoute == null) {
      return;
    }
    if (testRoute.getSubset() == null || testRoute.getSubset().isBlank()) {
      throw new InvalidInputException("testRoute.subset", "is required");
    }
    if (testRoute.getMatches().isEmpty()) {
      throw new InvalidInputException(
          "testRoute.matches",
          "must hold at least one header match: without one the test route would take every"
              + " request of the route");
    }
    for (int i = 0; i < testRoute.getMatches().size(); i++) {
      Map<String, StringMatch> headers = testRoute.getMatches().get(i).getHeaders();
      String at = "testRoute.matches[" + i + "].headers";
      if (headers.isEmpty()) {
        throw new InvalidInputException(
            at, "must name at least one header: an empty match selects every request");
      }
      headers.forEach(
          (name, match) -> {
            long set =
                Stream.of(match.getExact(), match.getPrefix(), match.getRegex())
                    .filter(Objects::nonNull)
                    .count();
            if (set != 1) {
              throw new InvalidInputException(
                  at + "." + name, "must set exactly one of exact, prefix and regex, not " + set);
            }
          });
    }
  }

  /**
   * kafleet's test route for the shifted route (as rendered, with its new destinations): every
   * match of the route with the test headers added, to the asked subset of the route's host.
   */
  private static ObjectNode testRoute(
      ObjectNode shifted, RouteWeights weights, TestRoute testRoute) {
    ObjectNode test = JSON.createObjectNode();
    test.put("name", TEST_ROUTE);
    test.set("match", matches(shifted.path("match"), testRoute.getMatches()));
    DestinationWeight destination = testDestination(weights, testRoute.getSubset());
    test.set(
        "route", route(shifted.path("route"), new RouteWeights(null, 0, List.of(destination))));
    for (Map.Entry<String, JsonNode> field : shifted.properties()) {
      if (!test.has(field.getKey()) && !field.getKey().equals("name")) {
        test.set(field.getKey(), field.getValue().deepCopy());
      }
    }
    return test;
  }

  /**
   * Each of the route's matches (one that matches everything, when it has none) combined with each
   * test match: a request goes to the test subset only if the route would have taken it too.
   */
  private static ArrayNode matches(JsonNode routeMatches, List<HeaderMatch> testMatches) {
    List<JsonNode> base = new ArrayList<>();
    routeMatches.forEach(base::add);
    if (base.isEmpty()) {
      base.add(JSON.createObjectNode());
    }
    ArrayNode combined = JSON.createArrayNode();
    for (int r = 0; r < base.size(); r++) {
      for (int t = 0; t < testMatches.size(); t++) {
        ObjectNode match = (ObjectNode) base.get(r).deepCopy();
        ObjectNode headers =
            match.get("headers") instanceof ObjectNode existing
                ? existing
                : match.putObject("headers");
        for (Map.Entry<String, StringMatch> header : testMatches.get(t).getHeaders().entrySet()) {
          if (headers.has(header.getKey())) {
            // Both conditions cannot be kept in one map; either alone would widen the route.
            throw new InvalidInputException(
                "testRoute.matches[" + t + "].headers." + header.getKey(),
                "the shifted route's match[" + r + "] already matches header " + header.getKey());
          }
          headers.set(header.getKey(), stringMatch(header.getValue()));
        }
        combined.add(match);
      }
    }
    return combined;
  }

  private static ObjectNode stringMatch(StringMatch match) {
    ObjectNode node = JSON.createObjectNode();
    if (match.getExact() != null) {
      node.put("exact", match.getExact());
    } else if (match.getPrefix() != null) {
      node.put("prefix", match.getPrefix());
    } else {
      node.put("regex", match.getRegex());
    }
    return node;
  }

  /** The test subset on the host the shift weighs, with that host's port where it names one. */
  private static DestinationWeight testDestination(RouteWeights weights, String subset) {
    Set<String> hosts = new TreeSet<>();
    Set<Integer> ports = new TreeSet<>();
    for (DestinationWeight destination : weights.getDestinations()) {
      hosts.add(destination.getHost());
      if (destination.getPort() != null) {
        ports.add(destination.getPort());
      }
    }
    if (hosts.size() != 1) {
      throw new InvalidInputException(
          "testRoute",
          hosts.isEmpty()
              ? "the shifted route has no destination whose host the test route could send to"
              : "the shifted route sends to several hosts ("
                  + String.join(", ", hosts)
                  + "); a test route sends to a subset of one");
    }
    return new DestinationWeight(
        hosts.iterator().next(), subset, ports.size() == 1 ? ports.iterator().next() : null, 100);
  }

  /**
   * The route's new destinations: each keeps what else it had (headers, mirror settings) when the
   * route already sent to the same host and subset.
   */
  private static ArrayNode route(JsonNode current, RouteWeights weights) {
    ArrayNode route = JSON.createArrayNode();
    for (DestinationWeight wanted : weights.getDestinations()) {
      ObjectNode entry = route.addObject();
      for (JsonNode existing : current) {
        JsonNode destination = existing.path("destination");
        if (destination.path("host").asString("").equals(wanted.getHost())
            && Objects.equals(destination.path("subset").asString(null), wanted.getSubset())) {
          entry.setAll((ObjectNode) existing.deepCopy());
        }
      }
      ObjectNode destination =
          entry.get("destination") instanceof ObjectNode known
              ? known
              : entry.putObject("destination");
      destination.put("host", wanted.getHost());
      if (wanted.getSubset() != null) {
        destination.put("subset", wanted.getSubset());
      }
      if (wanted.getPort() != null) {
        destination.putObject("port").put("number", wanted.getPort());
      }
      entry.put("weight", wanted.getWeight());
    }
    return route;
  }
}
