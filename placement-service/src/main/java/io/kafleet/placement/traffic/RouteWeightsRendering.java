package io.kafleet.placement.traffic;

import io.kafleet.events.DestinationWeight;
import io.kafleet.events.RouteWeights;
import io.kafleet.placement.input.InvalidInputException;
import io.kafleet.schemas.ObjectKey;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a weight shift into the documents the fleet stores: the VirtualService with one route's
 * destinations replaced (a shift for every cluster), or a Karmada OverridePolicy that replaces the
 * route in the named clusters only (a shift for some clusters, e.g. one rollout wave). Pure.
 */
public final class RouteWeightsRendering {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private RouteWeightsRendering() {}

  /** The VirtualService with the route's destinations as the shift asks; the input is unchanged. */
  public static ObjectNode withWeights(JsonNode virtualService, RouteWeights weights) {
    ObjectNode copy = (ObjectNode) virtualService.deepCopy();
    int index = routeIndex(copy, weights);
    ((ObjectNode) copy.path("spec").path("http").get(index))
        .set("route", route(copy.path("spec").path("http").get(index).path("route"), weights));
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
   * The OverridePolicy that sets the route's weights in the given clusters, keeping the rules the
   * previous version had for other clusters.
   */
  public static ObjectNode clusterWeights(
      ObjectKey virtualService,
      JsonNode template,
      JsonNode previousPolicy,
      List<String> clusters,
      RouteWeights weights) {
    int index = routeIndex(template, weights);
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
    ObjectNode replace = rule.putObject("overriders").putArray("plaintext").addObject();
    replace.put("path", "/spec/http/" + index + "/route");
    replace.put("operator", "replace");
    replace.set(
        "value", route(template.path("spec").path("http").get(index).path("route"), weights));

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

  private static int routeIndex(JsonNode virtualService, RouteWeights weights) {
    JsonNode http = virtualService.path("spec").path("http");
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
