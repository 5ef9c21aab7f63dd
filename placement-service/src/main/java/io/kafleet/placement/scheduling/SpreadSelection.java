package io.kafleet.placement.scheduling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses among the eligible clusters by {@code spreadConstraints}, as Karmada's scheduler does:
 * with a constraint by region, zone or provider, the fewest groups from its {@code minGroups} up
 * that hold enough clusters, one cluster from each chosen group, then more clusters from those
 * groups up to the {@code cluster} constraint's {@code maxGroups}; with a {@code cluster}
 * constraint alone, as many clusters as its {@code maxGroups} allows.
 *
 * <p>Clusters and groups are taken in the order of the ranking given (the clusters of the last
 * decision first, then those with the most room for a divided workload's replicas, then by name),
 * and a group ranks as its best cluster does. Where Karmada searches every combination of groups
 * for the best score, kafleet takes groups in this order, which is the same choice when each group
 * holds enough clusters.
 *
 * <p>A cluster whose value of the field is unknown belongs to no group and is not chosen.
 */
final class SpreadSelection {

  /**
   * @param chosen the clusters chosen, empty when the spread cannot hold
   * @param summary what was chosen and by which constraints, or why the spread cannot hold
   * @param notChosen why each eligible cluster not chosen was left out
   */
  record Choice(Set<String> chosen, String summary, Map<String, String> notChosen) {
    boolean holds() {
      return !chosen.isEmpty();
    }
  }

  private SpreadSelection() {}

  /** Whether these clusters alone satisfy the constraints. */
  static boolean holds(List<SpreadConstraint> constraints, List<MemberState> clusters) {
    SpreadConstraint byCluster = byCluster(constraints);
    if (clusters.size() < byCluster.minGroups() || clusters.size() > byCluster.upperBound()) {
      return false;
    }
    Optional<SpreadConstraint> byGroup = byGroup(constraints);
    if (byGroup.isEmpty()) {
      return true;
    }
    SpreadConstraint.Field field = byGroup.get().spreadByField();
    if (clusters.stream().anyMatch(cluster -> field.of(cluster) == null)) {
      return false;
    }
    long groups = clusters.stream().map(field::of).distinct().count();
    return groups >= byGroup.get().minGroups() && groups <= byGroup.get().upperBound();
  }

  /**
   * @param ranked the eligible clusters, most preferred first
   */
  static Choice choose(List<SpreadConstraint> constraints, List<MemberState> ranked) {
    SpreadConstraint byCluster = byCluster(constraints);
    Optional<SpreadConstraint> byGroup = byGroup(constraints);
    if (byGroup.isEmpty()) {
      if (ranked.size() < byCluster.minGroups()) {
        return cannotHold(
            "only "
                + ranked.size()
                + " eligible clusters, fewer than spreadByField cluster minGroups "
                + byCluster.minGroups(),
            ranked);
      }
      List<MemberState> chosen = ranked.subList(0, Math.min(ranked.size(), byCluster.upperBound()));
      return chosen(chosen, ranked, describe(constraints, chosen));
    }

    SpreadConstraint group = byGroup.get();
    SpreadConstraint.Field field = group.spreadByField();
    Map<String, List<MemberState>> groups = new LinkedHashMap<>();
    Map<String, String> unknown = new LinkedHashMap<>();
    for (MemberState cluster : ranked) {
      String value = field.of(cluster);
      if (value == null) {
        unknown.put(
            cluster.name(), "its " + field + " is unknown: spreadByField " + field + " needs it");
      } else {
        groups.computeIfAbsent(value, v -> new ArrayList<>()).add(cluster);
      }
    }
    String what = field + "s";
    if (groups.size() < group.minGroups()) {
      return cannotHold(
          "only "
              + groups.size()
              + " "
              + what
              + " have eligible clusters "
              + groups.keySet()
              + ", fewer than spreadByField "
              + field
              + " minGroups "
              + group.minGroups(),
          ranked);
    }
    if (byCluster.upperBound() < group.minGroups()) {
      return cannotHold(
          "spreadByField cluster maxGroups "
              + byCluster.maxGroups()
              + " cannot cover spreadByField "
              + field
              + " minGroups "
              + group.minGroups(),
          ranked);
    }
    List<String> order = List.copyOf(groups.keySet());
    int most = Math.min(order.size(), Math.min(group.upperBound(), byCluster.upperBound()));
    for (int count = group.minGroups(); count <= most; count++) {
      List<String> chosenGroups = order.subList(0, count);
      List<MemberState> pool =
          chosenGroups.stream().flatMap(name -> groups.get(name).stream()).toList();
      if (pool.size() < byCluster.minGroups()) {
        continue;
      }
      Set<MemberState> chosen = new LinkedHashSet<>();
      chosenGroups.forEach(name -> chosen.add(groups.get(name).get(0)));
      for (MemberState cluster : ranked) {
        if (chosen.size() >= byCluster.upperBound()) {
          break;
        }
        if (pool.contains(cluster)) {
          chosen.add(cluster);
        }
      }
      String summary = describe(constraints, List.copyOf(chosen));
      Choice choice = chosen(List.copyOf(chosen), ranked, summary);
      Map<String, String> notChosen = new LinkedHashMap<>(choice.notChosen());
      notChosen.putAll(unknown);
      return new Choice(choice.chosen(), summary, notChosen);
    }
    return cannotHold(
        "the "
            + what
            + " "
            + order
            + " hold fewer eligible clusters than spreadByField cluster minGroups "
            + byCluster.minGroups(),
        ranked);
  }

  /** What spread these clusters make, by the constraints that bound it. */
  static String describe(List<SpreadConstraint> constraints, List<MemberState> clusters) {
    SpreadConstraint byCluster = byCluster(constraints);
    String overClusters = "clusters " + names(clusters) + " (" + byCluster.bounds() + ")";
    Optional<SpreadConstraint> byGroup = byGroup(constraints);
    if (byGroup.isEmpty()) {
      return "spread over " + overClusters;
    }
    SpreadConstraint.Field field = byGroup.get().spreadByField();
    String groups =
        String.join(
            ", ",
            clusters.stream().map(field::of).filter(Objects::nonNull).distinct().sorted().toList());
    return "spread over "
        + field
        + "s "
        + groups
        + " ("
        + byGroup.get().bounds()
        + ")"
        + (constraints.contains(byCluster) ? " and " + overClusters : "");
  }

  private static Choice chosen(List<MemberState> chosen, List<MemberState> ranked, String summary) {
    Set<String> names =
        chosen.stream().map(MemberState::name).collect(Collectors.toCollection(LinkedHashSet::new));
    Map<String, String> notChosen = new LinkedHashMap<>();
    ranked.stream()
        .filter(cluster -> !names.contains(cluster.name()))
        .forEach(
            cluster ->
                notChosen.put(cluster.name(), "not chosen by spreadConstraints: " + summary));
    return new Choice(names, summary, notChosen);
  }

  private static Choice cannotHold(String why, List<MemberState> ranked) {
    String summary = "spreadConstraints cannot hold: " + why;
    Map<String, String> notChosen = new LinkedHashMap<>();
    ranked.forEach(cluster -> notChosen.put(cluster.name(), summary));
    return new Choice(Set.of(), summary, notChosen);
  }

  /** The cluster constraint, or no bounds beyond one cluster when there is none. */
  private static SpreadConstraint byCluster(List<SpreadConstraint> constraints) {
    return constraints.stream()
        .filter(c -> c.spreadByField() == SpreadConstraint.Field.cluster)
        .findFirst()
        .orElse(new SpreadConstraint(SpreadConstraint.Field.cluster, 1, 0));
  }

  private static Optional<SpreadConstraint> byGroup(List<SpreadConstraint> constraints) {
    return constraints.stream()
        .filter(c -> c.spreadByField() != SpreadConstraint.Field.cluster)
        .findFirst();
  }

  private static String names(List<MemberState> clusters) {
    return String.join(", ", clusters.stream().map(MemberState::name).sorted().toList());
  }
}
