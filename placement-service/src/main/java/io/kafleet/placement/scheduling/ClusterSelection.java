package io.kafleet.placement.scheduling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies one policy's placement rules to the member clusters, with a reason per cluster: the
 * filters (acceptance, readiness, cluster affinity, taints), the fallback from one {@code
 * clusterAffinities} group to the next, and the division of replicas.
 *
 * <p>Groups of {@code clusterAffinities} are tried in order; the first in which at least one
 * cluster passes every filter and gets a replica share wins, as Karmada falls back to the next
 * group when scheduling with one fails.
 */
final class ClusterSelection {

  /**
   * @param note what the rules decided as a whole, appended to the placement's rule ("" if nothing
   *     to add)
   */
  record Outcome(String note, List<ClusterDecision> decisions) {}

  private record Group(String path, String name, ClusterAffinity affinity) {
    String describe() {
      return name == null ? path : path + " '" + name + "'";
    }
  }

  /** One group's decisions for the known clusters, and for the clusters it names that are not. */
  private record Evaluation(
      Group group, List<ClusterDecision> decisions, List<ClusterDecision> notInFleet) {

    boolean selectsAny() {
      return decisions.stream().anyMatch(ClusterDecision.Selected.class::isInstance);
    }

    String reasonFor(String cluster) {
      return decisions.stream()
          .filter(decision -> decision.cluster().equals(cluster))
          .map(ClusterDecision::reason)
          .findFirst()
          .orElseThrow();
    }
  }

  private ClusterSelection() {}

  /**
   * @param clusters every known cluster, sorted by name
   */
  static Outcome decide(TemplateRef template, PlacementRules rules, List<MemberState> clusters) {
    List<Group> groups = groups(rules);
    if (groups.size() == 1) {
      Evaluation only = evaluate(groups.get(0), template, rules, clusters);
      return new Outcome("", concat(only.decisions(), only.notInFleet()));
    }
    List<Evaluation> skipped = new ArrayList<>();
    for (Group group : groups) {
      Evaluation evaluation = evaluate(group, template, rules, clusters);
      if (evaluation.selectsAny()) {
        return fallenBackTo(evaluation, skipped);
      }
      skipped.add(evaluation);
    }
    return noGroupFits(skipped);
  }

  private static List<Group> groups(PlacementRules rules) {
    if (rules.clusterAffinities().isEmpty()) {
      return List.of(new Group("clusterAffinity", null, rules.clusterAffinity()));
    }
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < rules.clusterAffinities().size(); i++) {
      ClusterAffinityTerm term = rules.clusterAffinities().get(i);
      groups.add(new Group("clusterAffinities[" + i + "]", term.affinityName(), term.affinity()));
    }
    return groups;
  }

  private static Evaluation evaluate(
      Group group, TemplateRef template, PlacementRules rules, List<MemberState> clusters) {
    Map<String, String> filteredOut = new LinkedHashMap<>();
    List<MemberState> candidates = new ArrayList<>();
    for (MemberState cluster : clusters) {
      String rejection = filter(cluster, group, rules.clusterTolerations());
      if (rejection == null) {
        candidates.add(cluster);
      } else {
        filteredOut.put(cluster.name(), rejection);
      }
    }
    boolean divided = !(rules.replicaScheduling() instanceof ReplicaScheduling.Duplicated);
    Optional<Replicas> replicas = template.replicas().filter(r -> r.count() > 0);
    Map<String, ReplicaDivision.Share> shares =
        divided && replicas.isPresent()
            ? ReplicaDivision.divide(rules.replicaScheduling(), replicas.get(), candidates)
            : Map.of();
    String matches =
        group.name() == null && group.affinity().equals(ClusterAffinity.ANY)
            ? "accepted and ready"
            : "matches " + group.describe();
    String whole =
        divided && replicas.isEmpty()
            ? "; replicaScheduling Divided does not apply: this "
                + template.key().kind()
                + " has no spec.replicas to divide, so it goes whole as with Duplicated"
            : "";

    List<ClusterDecision> decisions = new ArrayList<>();
    for (MemberState cluster : clusters) {
      String name = cluster.name();
      ReplicaDivision.Share share = shares.get(name);
      if (filteredOut.containsKey(name)) {
        decisions.add(new ClusterDecision.FilteredOut(name, filteredOut.get(name)));
      } else if (share == null) {
        decisions.add(new ClusterDecision.Selected(name, matches + whole));
      } else if (share.replicas() == 0) {
        decisions.add(
            new ClusterDecision.FilteredOut(name, "replica share 0 (" + share.basis() + ")"));
      } else {
        decisions.add(
            new ClusterDecision.Selected(
                name,
                matches
                    + "; "
                    + share.replicas()
                    + " of "
                    + replicas.get().count()
                    + " replicas ("
                    + share.basis()
                    + ")",
                OptionalInt.of(share.replicas())));
      }
    }
    return new Evaluation(group, decisions, notInFleet(group, clusters));
  }

  /** Why the cluster may not have the template whatever the replicas, or null. */
  private static String filter(MemberState cluster, Group group, List<Toleration> tolerations) {
    if (!cluster.accepted()) {
      return "not accepted into the fleet";
    }
    if (!cluster.ready()) {
      return "not ready";
    }
    String rejection = group.affinity().rejection(cluster, group.path());
    if (rejection != null) {
      return rejection;
    }
    for (Taint taint : cluster.taints()) {
      if (tolerations.stream().noneMatch(toleration -> toleration.tolerates(taint))) {
        return "taint " + taint + " not tolerated by placement.clusterTolerations";
      }
    }
    return null;
  }

  /**
   * The clusters a group names that are not in the fleet: allowed, so a policy may be written
   * before its cluster joins, but worth saying.
   */
  private static List<ClusterDecision> notInFleet(Group group, List<MemberState> clusters) {
    Set<String> known = clusters.stream().map(MemberState::name).collect(Collectors.toSet());
    return group.affinity().clusterNames().stream()
        .filter(name -> !known.contains(name))
        .sorted()
        .<ClusterDecision>map(
            name ->
                new ClusterDecision.FilteredOut(
                    name, "named in " + group.path() + ".clusterNames but not in the fleet"))
        .toList();
  }

  private static Outcome fallenBackTo(Evaluation used, List<Evaluation> skipped) {
    if (skipped.isEmpty()) {
      return new Outcome(
          "; placed by " + used.group().describe(), concat(used.decisions(), used.notInFleet()));
    }
    String skippedGroups =
        skipped.stream()
            .map(evaluation -> evaluation.group().describe())
            .collect(Collectors.joining(", "));
    List<ClusterDecision> decisions = new ArrayList<>();
    for (ClusterDecision decision : used.decisions()) {
      String why =
          decision.reason()
              + "; fallback group "
              + used.group().describe()
              + " used as earlier groups have no eligible cluster ("
              + reasonsIn(skipped, decision.cluster())
              + ")";
      decisions.add(
          decision instanceof ClusterDecision.Selected selected
              ? new ClusterDecision.Selected(decision.cluster(), why, selected.replicas())
              : new ClusterDecision.FilteredOut(decision.cluster(), why));
    }
    return new Outcome(
        "; placed by fallback group "
            + used.group().describe()
            + " as no cluster is eligible in "
            + skippedGroups,
        concat(decisions, used.notInFleet()));
  }

  private static Outcome noGroupFits(List<Evaluation> skipped) {
    List<ClusterDecision> decisions = new ArrayList<>();
    for (ClusterDecision decision : skipped.get(0).decisions()) {
      decisions.add(
          new ClusterDecision.FilteredOut(
              decision.cluster(),
              "fallback group: no group of clusterAffinities has an eligible cluster ("
                  + reasonsIn(skipped, decision.cluster())
                  + ")"));
    }
    Map<String, ClusterDecision> notInFleet = new LinkedHashMap<>();
    skipped.forEach(
        evaluation -> evaluation.notInFleet().forEach(d -> notInFleet.putIfAbsent(d.cluster(), d)));
    return new Outcome(
        "; no group of clusterAffinities has an eligible cluster",
        concat(decisions, List.copyOf(notInFleet.values())));
  }

  private static String reasonsIn(List<Evaluation> evaluations, String cluster) {
    return evaluations.stream()
        .map(evaluation -> evaluation.group().describe() + ": " + evaluation.reasonFor(cluster))
        .collect(Collectors.joining("; "));
  }

  private static List<ClusterDecision> concat(
      List<ClusterDecision> first, List<ClusterDecision> second) {
    List<ClusterDecision> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
