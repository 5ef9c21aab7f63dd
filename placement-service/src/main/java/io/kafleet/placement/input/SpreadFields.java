package io.kafleet.placement.input;

import io.kafleet.placement.scheduling.ReplicaScheduling;
import io.kafleet.placement.scheduling.SpreadConstraint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Karmada {@code placement.spreadConstraints} list, validated as Karmada's webhook does (a field
 * spread by once, {@code maxGroups} not below {@code minGroups}, a {@code cluster} constraint
 * beside any other), and refused where Karmada's scheduler would ignore it: beside static weights,
 * or spreading by more than one of region, zone and provider.
 */
final class SpreadFields {

  private static final List<String> FIELDS =
      Arrays.stream(SpreadConstraint.Field.values()).map(Enum::name).toList();

  private SpreadFields() {}

  static List<SpreadConstraint> spreadConstraints(
      Fields placement, ReplicaScheduling replicaScheduling) {
    List<SpreadConstraint> constraints = new ArrayList<>();
    Map<SpreadConstraint.Field, Integer> seen = new HashMap<>();
    List<Fields> entries = placement.objects("spreadConstraints");
    for (int i = 0; i < entries.size(); i++) {
      Fields entry = entries.get(i);
      entry.allow(Set.of("spreadByField", "minGroups", "maxGroups"), Set.of("spreadByLabel"));
      String name = entry.oneOf("spreadByField", FIELDS);
      SpreadConstraint.Field field =
          name == null ? SpreadConstraint.Field.cluster : SpreadConstraint.Field.valueOf(name);
      Integer earlier = seen.putIfAbsent(field, i);
      if (earlier != null) {
        throw new InvalidInputException(
            entry.at("spreadByField"),
            "'" + field + "' is spread by spreadConstraints[" + earlier + "] already");
      }
      int minGroups = entry.integer("minGroups", 0);
      int maxGroups = entry.integer("maxGroups", 0);
      if (minGroups < 0) {
        throw new InvalidInputException(entry.at("minGroups"), "must not be negative");
      }
      if (maxGroups < 0) {
        throw new InvalidInputException(entry.at("maxGroups"), "must not be negative");
      }
      int min = Math.max(minGroups, 1);
      if (maxGroups > 0 && maxGroups < min) {
        throw new InvalidInputException(
            entry.at("maxGroups"), "must not be below minGroups " + min);
      }
      constraints.add(new SpreadConstraint(field, min, maxGroups));
    }
    if (constraints.isEmpty()) {
      return constraints;
    }
    List<String> grouping =
        seen.keySet().stream()
            .filter(field -> field != SpreadConstraint.Field.cluster)
            .map(Enum::name)
            .sorted()
            .toList();
    String at = placement.at("spreadConstraints");
    if (grouping.size() > 1) {
      throw new InvalidInputException(
          at,
          "spreads by "
              + String.join(" and ", grouping)
              + ": kafleet, like Karmada's scheduler, spreads by one of region, zone and provider"
              + " at a time");
    }
    if (!grouping.isEmpty() && !seen.containsKey(SpreadConstraint.Field.cluster)) {
      throw new InvalidInputException(
          at,
          "needs a spreadByField cluster constraint beside spreadByField "
              + grouping.get(0)
              + ", to bound how many clusters are chosen (as Karmada requires)");
    }
    if (replicaScheduling instanceof ReplicaScheduling.StaticWeights) {
      throw new InvalidInputException(
          at,
          "is ignored with Divided replicas by static weight (as in Karmada): remove it, or use"
              + " dynamicWeight or Aggregated");
    }
    return constraints;
  }
}
