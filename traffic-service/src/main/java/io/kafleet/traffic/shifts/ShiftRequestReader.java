package io.kafleet.traffic.shifts;

import io.kafleet.events.HeaderMatch;
import io.kafleet.events.StringMatch;
import io.kafleet.events.TestRoute;
import io.kafleet.schemas.Topics;
import io.kafleet.traffic.InvalidInputException;
import io.kafleet.validation.RouteSelector;
import io.kafleet.validation.SubsetWeight;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the JSON body of {@code POST /api/v1/shifts}:
 *
 * <pre>{@code
 * {"virtualService": {"namespace": "default", "name": "podinfo"},
 *  "route": {"index": 0},                        // or {"name": "primary"}; absent: route 0
 *  "weights": {"green": 80, "blue": 20},
 *  "testRoute": {"subset": "green",               // optional; absent: no test route
 *                "matches": [{"headers": {"x-canary": {"exact": "true"}}}]},
 *  "clusters": ["member1"],                      // optional; absent: every cluster holding it
 *  "requestedBy": "alice", "reason": "canary"}   // reason optional
 * }</pre>
 *
 * Only the shape is checked here; whether the shift fits the fleet, and whether each header match
 * sets exactly one of exact, prefix and regex, is {@link ShiftPlanning}'s job (a rollout's shifts
 * are checked there too). A field it does not know is refused by name.
 */
public final class ShiftRequestReader {

  private static final Set<String> FIELDS =
      Set.of(
          "virtualService", "route", "weights", "testRoute", "clusters", "requestedBy", "reason");

  private ShiftRequestReader() {}

  public static ShiftRequest read(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidInputException("", "the request body must be a JSON object");
    }
    refuseUnknown(body, FIELDS, "");
    JsonNode vs = body.path("virtualService");
    if (!vs.isObject()) {
      throw new InvalidInputException(
          "virtualService", "required: an object with namespace and name");
    }
    refuseUnknown(vs, Set.of("namespace", "name"), "virtualService.");
    String namespace = optionalString(vs, "namespace", "virtualService.namespace", "default");
    String name = requiredString(vs, "name", "virtualService.name");
    return new ShiftRequest(
        namespace,
        name,
        route(body.path("route")),
        weights(body.path("weights")),
        testRoute(body.path("testRoute")),
        clusters(body.path("clusters")),
        requiredString(body, "requestedBy", "requestedBy"),
        optionalString(body, "reason", "reason", null),
        null,
        null);
  }

  private static RouteSelector route(JsonNode route) {
    if (route.isMissingNode() || route.isNull()) {
      return new RouteSelector.ByIndex(0);
    }
    if (!route.isObject()) {
      throw new InvalidInputException("route", "must be an object with name or index");
    }
    refuseUnknown(route, Set.of("name", "index"), "route.");
    boolean byName = route.has("name");
    boolean byIndex = route.has("index");
    if (byName && byIndex) {
      throw new InvalidInputException("route", "give the route's name or its index, not both");
    }
    if (byName) {
      return new RouteSelector.ByName(requiredString(route, "name", "route.name"));
    }
    if (!byIndex) {
      return new RouteSelector.ByIndex(0);
    }
    JsonNode index = route.get("index");
    if (!index.isIntegralNumber() || !index.canConvertToInt()) {
      throw new InvalidInputException("route.index", "must be a whole number, got " + index);
    }
    return new RouteSelector.ByIndex(index.intValue());
  }

  private static List<SubsetWeight> weights(JsonNode weights) {
    if (!weights.isObject()) {
      throw new InvalidInputException(
          "weights", "required: an object of subset to weight, e.g. {\"green\": 80, \"blue\": 20}");
    }
    List<SubsetWeight> result = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : weights.properties()) {
      JsonNode weight = entry.getValue();
      if (!weight.isIntegralNumber() || !weight.canConvertToInt()) {
        throw new InvalidInputException(
            "weights." + entry.getKey(), "must be a whole number in 0..100, got " + weight);
      }
      result.add(new SubsetWeight(entry.getKey(), weight.intValue()));
    }
    return result;
  }

  private static TestRoute testRoute(JsonNode testRoute) {
    if (testRoute.isMissingNode() || testRoute.isNull()) {
      return null;
    }
    if (!testRoute.isObject()) {
      throw new InvalidInputException(
          "testRoute", "must be an object with subset and matches, or absent for no test route");
    }
    refuseUnknown(testRoute, Set.of("subset", "matches"), "testRoute.");
    String subset = requiredString(testRoute, "subset", "testRoute.subset");
    JsonNode matches = testRoute.path("matches");
    if (!matches.isArray()) {
      throw new InvalidInputException(
          "testRoute.matches",
          "required: an array of header matches, e.g. [{\"headers\": {\"x-canary\": {\"exact\":"
              + " \"true\"}}}]");
    }
    List<HeaderMatch> read = new ArrayList<>();
    for (int i = 0; i < matches.size(); i++) {
      String at = "testRoute.matches[" + i + "]";
      JsonNode match = matches.get(i);
      if (!match.isObject()) {
        throw new InvalidInputException(at, "must be an object with headers");
      }
      refuseUnknown(match, Set.of("headers"), at + ".");
      JsonNode headers = match.path("headers");
      if (!headers.isObject()) {
        throw new InvalidInputException(
            at + ".headers", "required: an object of header name to {exact|prefix|regex}");
      }
      Map<String, StringMatch> byName = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> header : headers.properties()) {
        String field = at + ".headers." + header.getKey();
        JsonNode value = header.getValue();
        if (!value.isObject()) {
          throw new InvalidInputException(field, "must be an object with exact, prefix or regex");
        }
        refuseUnknown(value, Set.of("exact", "prefix", "regex"), field + ".");
        byName.put(
            header.getKey(),
            new StringMatch(
                optionalString(value, "exact", field + ".exact", null),
                optionalString(value, "prefix", field + ".prefix", null),
                optionalString(value, "regex", field + ".regex", null)));
      }
      read.add(new HeaderMatch(byName));
    }
    return new TestRoute(subset, read);
  }

  private static List<String> clusters(JsonNode clusters) {
    if (clusters.isMissingNode() || clusters.isNull()) {
      return List.of();
    }
    if (!clusters.isArray()) {
      throw new InvalidInputException("clusters", "must be an array of cluster names");
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < clusters.size(); i++) {
      String name = clusters.get(i).isString() ? clusters.get(i).asString() : null;
      String field = "clusters[" + i + "]";
      if (!Topics.isValidClusterName(name)) {
        throw new InvalidInputException(
            field, clusters.get(i) + " is not a cluster name (a DNS label)");
      }
      if (names.contains(name)) {
        throw new InvalidInputException(field, "cluster " + name + " is named twice");
      }
      names.add(name);
    }
    return names;
  }

  private static String requiredString(JsonNode node, String property, String field) {
    String value = optionalString(node, property, field, null);
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(field, "required");
    }
    return value;
  }

  private static String optionalString(
      JsonNode node, String property, String field, String fallback) {
    JsonNode value = node.path(property);
    if (value.isMissingNode() || value.isNull()) {
      return fallback;
    }
    if (!value.isString()) {
      throw new InvalidInputException(field, "must be a string, got " + value);
    }
    return value.asString();
  }

  private static void refuseUnknown(JsonNode node, Set<String> known, String at) {
    for (String name : node.propertyNames()) {
      if (!known.contains(name)) {
        throw new InvalidInputException(
            at + name,
            "is not a field traffic-service supports (known: "
                + String.join(", ", known.stream().sorted().toList())
                + ")");
      }
    }
  }
}
