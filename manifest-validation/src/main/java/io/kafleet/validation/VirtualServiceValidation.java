package io.kafleet.validation;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Checks the route weights of a VirtualService before the fleet takes it, by the same {@link
 * WeightRules} as a weight shift: each weight in 0..100; the weights of a route with more than one
 * destination summing to 100 (a missing weight counts as 0); each subset a destination names
 * defined by the fleet's DestinationRule for its host. A host for which the fleet holds no
 * DestinationRule is not checked: the rule may live in the members only, or come in a later apply.
 * Pure.
 */
public final class VirtualServiceValidation {

  public static final String ISTIO_GROUP = "networking.istio.io";

  /** The route lists of a VirtualService that carry weighted destinations. */
  private static final List<String> ROUTE_SECTIONS = List.of("http", "tcp", "tls");

  private VirtualServiceValidation() {}

  public static boolean isVirtualService(JsonNode object) {
    return object.path("apiVersion").asString("").startsWith(ISTIO_GROUP + "/")
        && object.path("kind").asString("").equals("VirtualService");
  }

  /** Every violation in the VirtualService's routes; none when its weights are sound. */
  public static List<Violation> validate(JsonNode virtualService, DestinationRuleCatalog rules) {
    String namespace = DestinationRuleCatalog.namespaceOf(virtualService);
    List<Violation> violations = new ArrayList<>();
    JsonNode spec = virtualService.path("spec");
    for (String section : ROUTE_SECTIONS) {
      JsonNode routes = spec.path(section);
      if (routes.isMissingNode() || routes.isNull()) {
        continue;
      }
      if (!routes.isArray()) {
        violations.add(new Violation("spec." + section, "must be a list of routes"));
        continue;
      }
      for (int i = 0; i < routes.size(); i++) {
        String path = "spec.%s[%d].route".formatted(section, i);
        JsonNode destinations = routes.get(i).path("route");
        if (destinations.isMissingNode() || destinations.isNull()) {
          continue;
        }
        if (!destinations.isArray()) {
          violations.add(new Violation(path, "must be a list of destinations"));
          continue;
        }
        checkRoute(path, destinations, namespace, rules, violations);
      }
    }
    return violations;
  }

  private static void checkRoute(
      String path,
      JsonNode destinations,
      String namespace,
      DestinationRuleCatalog rules,
      List<Violation> out) {
    long sum = 0;
    boolean weightsReadable = true;
    for (int j = 0; j < destinations.size(); j++) {
      String at = path + "[" + j + "]";
      JsonNode destination = destinations.get(j);
      String subset = destination.path("destination").path("subset").asString("");
      JsonNode weight = destination.get("weight");
      if (weight != null && !weight.isNull()) {
        if (!weight.isIntegralNumber()) {
          out.add(new Violation(at + ".weight", "weight must be a whole number"));
          weightsReadable = false;
        } else {
          sum += weight.asLong();
          WeightRules.outOfRange(weight.asLong(), subset.isEmpty() ? null : subset)
              .ifPresent(message -> out.add(new Violation(at + ".weight", message)));
        }
      }
      String host = destination.path("destination").path("host").asString("");
      if (!subset.isEmpty() && !host.isEmpty()) {
        rules
            .forHost(Hosts.qualify(host, namespace))
            .flatMap(known -> WeightRules.unknownSubset(subset, known))
            .ifPresent(message -> out.add(new Violation(at + ".destination.subset", message)));
      }
    }
    if (destinations.size() > 1 && weightsReadable) {
      long total = sum;
      WeightRules.wrongSum(total)
          .ifPresent(
              message ->
                  out.add(
                      new Violation(
                          path,
                          message
                              + " across its "
                              + destinations.size()
                              + " destinations (a missing weight counts as 0)")));
    }
  }
}
