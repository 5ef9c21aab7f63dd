package io.kafleet.placement.scheduling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
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
 * clusterAffinities} group to the next, the spread constraints, and the division of replicas.
 *
 * <p>Groups of {@code clusterAffinities} are tried in order; the first in which at least one
 * cluster passes every filter and gets a replica share wins, as Karmada falls back to the next
 * group when scheduling with one fails.
 *
 * <p>Given the last decision made for the same template and policy generations, the decision keeps
 * to it, as Karmada's scheduler keeps to the ResourceBinding's result:
 *
 * <ul>
 *   <li>a cluster placed last time stays unless it is no longer accepted, no longer matches the
 *       affinity, or carries a NoExecute taint the policy does not tolerate (it is evicted); a
 *       NoSchedule taint or a lost readiness blocks new placements only;
 *   <li>the groups of {@code clusterAffinities} are tried from the one that placed it last time, so
 *       it stays on a fallback group though an earlier group recovers;
 *   <li>the clusters of the last decision keep the template while they still satisfy the spread
 *       constraints; otherwise the spread is chosen afresh, preferring them, and if no spread can
 *       hold, those of them still eligible keep it (as Karmada keeps its last result when
 *       scheduling fails);
 *   <li>divided replicas keep their split whatever the clusters' free capacity; only the replicas
 *       of clusters lost since are divided anew, by the policy's rule, among the eligible clusters
 *       (as Karmada, scaling a divided workload, assigns only the difference).
 * </ul>
 */
final class ClusterSelection {

  /**
   * @param note what the rules decided as a whole, appended to the placement's rule ("" if nothing
   *     to add)
   * @param affinityGroup the index of the {@code clusterAffinities} group used, if any
   */
  record Outcome(String note, List<ClusterDecision> decisions, OptionalInt affinityGroup) {

    /**
     * When a toleration of a taint on a selected cluster runs out, so the decision must be made
     * again though nothing else changes.
     */
    Optional<Instant> reviewAt(
        List<MemberState> clusters, List<Toleration> tolerations, Instant now) {
      Set<String> selected =
          decisions.stream()
              .filter(ClusterDecision.Selected.class::isInstance)
              .map(ClusterDecision::cluster)
              .collect(Collectors.toSet());
      return clusters.stream()
          .filter(cluster -> selected.contains(cluster.name()))
          .flatMap(cluster -> cluster.taints().stream())
          .map(taint -> Tolerance.of(taint, Tolerance.withDefaults(tolerations)).until())
          .filter(until -> until != null && until.isAfter(now))
          .min(Comparator.naturalOrder());
    }
  }

  private record Group(int index, String path, String name, ClusterAffinity affinity) {
    String describe() {
      return name == null ? path : path + " '" + name + "'";
    }
  }

  /** One group's decisions for the known clusters, and for the clusters it names that are not. */
  private record Evaluation(
      Group group, String note, List<ClusterDecision> decisions, List<ClusterDecision> notInFleet) {

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

  /**
   * Whether a cluster may have the template: a rejection, or a note on why it may though a filter
   * would refuse a new placement.
   *
   * @param blocksNew the cluster keeps what it has but takes nothing new (lost readiness, a
   *     NoSchedule taint not tolerated)
   */
  private record Verdict(String rejection, String note, boolean blocksNew, boolean evicts) {
    static Verdict reject(String why) {
      return new Verdict(why, null, true, false);
    }

    static Verdict evict(String why) {
      return new Verdict(why, null, true, true);
    }
  }

  private ClusterSelection() {}

  /**
   * A first decision.
   *
   * @param clusters every known cluster, sorted by name
   */
  static Outcome decide(TemplateRef template, PlacementRules rules, List<MemberState> clusters) {
    return decide(template, rules, clusters, DecisionContext.NONE);
  }

  /**
   * @param clusters every known cluster, sorted by name
   * @param context with a last decision only if it was made for the same template and policy
   *     generations
   */
  static Outcome decide(
      TemplateRef template,
      PlacementRules rules,
      List<MemberState> clusters,
      DecisionContext context) {
    Optional<PreviousPlacement> previous = context.previous();
    List<Group> groups = groups(rules);
    String left = leftTheFleet(previous, clusters);
    if (groups.size() == 1) {
      Evaluation only = evaluate(groups.get(0), template, rules, clusters, context);
      return new Outcome(
          only.note() + left, concat(only.decisions(), only.notInFleet()), OptionalInt.empty());
    }
    int start =
        previous
            .map(PreviousPlacement::affinityGroup)
            .filter(OptionalInt::isPresent)
            .map(OptionalInt::getAsInt)
            .filter(index -> index < groups.size())
            .orElse(0);
    List<Evaluation> skipped = new ArrayList<>();
    for (Group group : groups.subList(start, groups.size())) {
      Evaluation evaluation = evaluate(group, template, rules, clusters, context);
      if (evaluation.selectsAny()) {
        Outcome outcome =
            start > 0 && skipped.isEmpty()
                ? keptOnFallback(evaluation)
                : fallenBackTo(evaluation, skipped);
        return new Outcome(outcome.note() + left, outcome.decisions(), outcome.affinityGroup());
      }
      skipped.add(evaluation);
    }
    Outcome none = noGroupFits(skipped);
    return new Outcome(none.note() + left, none.decisions(), none.affinityGroup());
  }

  private static List<Group> groups(PlacementRules rules) {
    if (rules.clusterAffinities().isEmpty()) {
      return List.of(new Group(0, "clusterAffinity", null, rules.clusterAffinity()));
    }
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < rules.clusterAffinities().size(); i++) {
      ClusterAffinityTerm term = rules.clusterAffinities().get(i);
      groups.add(
          new Group(i, "clusterAffinities[" + i + "]", term.affinityName(), term.affinity()));
    }
    return groups;
  }

  private static Evaluation evaluate(
      Group group,
      TemplateRef template,
      PlacementRules rules,
      List<MemberState> clusters,
      DecisionContext context) {
    Optional<PreviousPlacement> previous = context.previous();
    List<Toleration> tolerations = Tolerance.withDefaults(rules.clusterTolerations());
    Set<String> placedBefore = previous.map(p -> Set.copyOf(p.clusters())).orElse(Set.of());
    Map<String, String> filteredOut = new LinkedHashMap<>();
    Map<String, String> keptNotes = new LinkedHashMap<>();
    Set<String> blocksNew = new HashSet<>();
    Set<String> evicted = new HashSet<>();
    List<MemberState> candidates = new ArrayList<>();
    for (MemberState cluster : clusters) {
      Verdict verdict =
          filter(
              cluster,
              group,
              tolerations,
              placedBefore.contains(cluster.name()),
              context.evictions().get(cluster.name()),
              context.now());
      if (verdict.rejection() == null) {
        candidates.add(cluster);
        keptNotes.put(cluster.name(), verdict.note());
        if (verdict.blocksNew()) {
          blocksNew.add(cluster.name());
        }
      } else {
        filteredOut.put(cluster.name(), verdict.rejection());
        if (verdict.evicts()) {
          evicted.add(cluster.name());
        }
      }
    }
    boolean divided = !(rules.replicaScheduling() instanceof ReplicaScheduling.Duplicated);
    Optional<Replicas> replicas = template.replicas().filter(r -> r.count() > 0);

    String note = "";
    boolean spreadAfresh = false;
    List<MemberState> chosen = candidates;
    if (!rules.spreadConstraints().isEmpty()) {
      if (rules.replicaScheduling() instanceof ReplicaScheduling.StaticWeights) {
        note = "; spreadConstraints do not apply to static weights, as in Karmada";
      } else {
        List<MemberState> kept =
            candidates.stream().filter(c -> placedBefore.contains(c.name())).toList();
        if (!kept.isEmpty() && SpreadSelection.holds(rules.spreadConstraints(), kept)) {
          chosen = kept;
          String summary = SpreadSelection.describe(rules.spreadConstraints(), kept);
          note = "; " + summary + ", kept from the last decision";
          for (MemberState cluster : candidates) {
            if (!placedBefore.contains(cluster.name())) {
              filteredOut.put(
                  cluster.name(),
                  "not placed last time, and the last decision's " + summary + " still holds");
            }
          }
        } else {
          SpreadSelection.Choice choice =
              SpreadSelection.choose(
                  rules.spreadConstraints(), ranked(candidates, placedBefore, rules, replicas));
          if (!choice.holds() && !kept.isEmpty()) {
            // As Karmada keeps a binding's last result when scheduling fails.
            chosen = kept;
            String names = String.join(", ", kept.stream().map(MemberState::name).toList());
            note =
                "; "
                    + choice.summary()
                    + "; the clusters of the last decision still eligible ("
                    + names
                    + ") keep the template";
            for (MemberState cluster : candidates) {
              if (!placedBefore.contains(cluster.name())) {
                filteredOut.put(cluster.name(), choice.summary());
              }
            }
          } else {
            spreadAfresh = !placedBefore.isEmpty();
            note =
                "; "
                    + (spreadAfresh
                        ? "the clusters of the last decision no longer hold the spread, chosen"
                            + " afresh: "
                        : "")
                    + choice.summary();
            filteredOut.putAll(choice.notChosen());
            chosen = candidates.stream().filter(c -> choice.chosen().contains(c.name())).toList();
          }
        }
      }
    }

    Map<String, ReplicaDivision.Share> shares = Map.of();
    if (divided && replicas.isPresent()) {
      Optional<PreviousPlacement> split =
          spreadAfresh ? Optional.empty() : previous.filter(p -> !p.replicas().isEmpty());
      shares =
          split.isPresent()
              ? keptSplit(
                  rules.replicaScheduling(),
                  replicas.get(),
                  chosen,
                  chosen.stream().filter(c -> !blocksNew.contains(c.name())).toList(),
                  split.get())
              : ReplicaDivision.divide(rules.replicaScheduling(), replicas.get(), chosen);
    }
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
      String matched =
          (cluster.ready() || !matches.equals("accepted and ready") ? matches : "accepted")
              + keptNotes.getOrDefault(name, "");
      if (evicted.contains(name)) {
        decisions.add(new ClusterDecision.Evicted(name, filteredOut.get(name)));
      } else if (filteredOut.containsKey(name)) {
        decisions.add(new ClusterDecision.FilteredOut(name, filteredOut.get(name)));
      } else if (share == null) {
        decisions.add(new ClusterDecision.Selected(name, matched + whole));
      } else if (share.replicas() == 0) {
        decisions.add(
            new ClusterDecision.FilteredOut(name, "replica share 0 (" + share.basis() + ")"));
      } else {
        decisions.add(
            new ClusterDecision.Selected(
                name,
                matched
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
    return new Evaluation(group, note, decisions, notInFleet(group, clusters));
  }

  /**
   * Whether the cluster may have the template whatever the replicas. A cluster placed in last time
   * keeps it through what only blocks new placements (a NoSchedule taint, lost readiness), as
   * Karmada's taint filter passes the clusters a binding already targets; a NoExecute taint evicts
   * once no toleration covers it, or its {@code tolerationSeconds} have passed.
   */
  private static Verdict filter(
      MemberState cluster,
      Group group,
      List<Toleration> tolerations,
      boolean placedBefore,
      EvictionTask eviction,
      Instant now) {
    if (!cluster.accepted()) {
      return Verdict.reject(
          placedBefore
              ? "no longer accepted into the fleet: its placement is dropped"
              : "not accepted into the fleet");
    }
    if (eviction != null) {
      String why =
          "its works are being evicted since " + eviction.since() + " (" + eviction.reason() + ")";
      if (placedBefore) {
        return Verdict.evict(why);
      }
      if (eviction.producer() == EvictionTask.Producer.ApplicationFailover || !cluster.ready()) {
        return Verdict.reject(why + ": not chosen again meanwhile");
      }
      // Ready again: it may be chosen as a new placement, whose taint checks follow; choosing it
      // ends the eviction and keeps its works, rather than removing them to put them back.
    }
    if (!placedBefore && !cluster.ready()) {
      return Verdict.reject("not ready");
    }
    String rejection = group.affinity().rejection(cluster, group.path());
    if (rejection != null) {
      return Verdict.reject(rejection);
    }
    StringBuilder note = new StringBuilder();
    boolean blocksNew = !cluster.ready();
    if (!cluster.ready()) {
      note.append("; kept though not ready: readiness is asked of new placements only");
    }
    for (Taint taint : cluster.taints()) {
      Tolerance.Verdict tolerance = Tolerance.of(taint, tolerations);
      if (!tolerance.tolerated()) {
        if (!placedBefore) {
          return Verdict.reject(
              "taint " + taint + " not tolerated by placement.clusterTolerations");
        }
        if (taint.effect() == Taint.Effect.NoExecute) {
          return Verdict.evict(
              "evicted: taint " + taint + " not tolerated by placement.clusterTolerations");
        }
        note.append("; kept though taint ")
            .append(taint)
            .append(" is not tolerated: NoSchedule blocks new placements only");
        blocksNew = true;
      } else if (tolerance.expiredAt(now)) {
        return placedBefore
            ? Verdict.evict("evicted at " + tolerance.until() + ": " + expired(taint, tolerance))
            : Verdict.reject(expired(taint, tolerance));
      } else if (tolerance.until() != null && placedBefore) {
        note.append("; kept while taint ")
            .append(taint)
            .append(" is tolerated, until ")
            .append(tolerance.until())
            .append(" (tolerationSeconds ")
            .append(tolerance.seconds())
            .append(")");
      }
    }
    return new Verdict(null, note.toString(), blocksNew, false);
  }

  private static String expired(Taint taint, Tolerance.Verdict tolerance) {
    if (taint.key().equals(Taint.NOT_READY)) {
      return "not ready since "
          + taint.timeAdded()
          + ", longer than the "
          + tolerance.seconds()
          + " s tolerated (taint "
          + taint
          + ")";
    }
    return "taint "
        + taint
        + " added at "
        + taint.timeAdded()
        + " is tolerated for "
        + tolerance.seconds()
        + " s only";
  }

  /**
   * The eligible clusters in the order spread constraints choose them: those of the last decision
   * first, then for a workload divided by room those with the most room, then by name.
   */
  private static List<MemberState> ranked(
      List<MemberState> candidates,
      Set<String> placedBefore,
      PlacementRules rules,
      Optional<Replicas> replicas) {
    boolean byRoom =
        replicas.isPresent()
            && (rules.replicaScheduling() instanceof ReplicaScheduling.AvailableReplicas
                || rules.replicaScheduling() instanceof ReplicaScheduling.Aggregated);
    Comparator<MemberState> order =
        Comparator.comparing((MemberState cluster) -> !placedBefore.contains(cluster.name()));
    if (byRoom) {
      order =
          order.thenComparing(
              Comparator.comparingLong(
                      (MemberState cluster) -> ReplicaDivision.room(cluster, replicas.get()))
                  .reversed());
    }
    return candidates.stream().sorted(order.thenComparing(MemberState::name)).toList();
  }

  /**
   * The last decision's shares for the clusters still chosen; the replicas of the clusters lost
   * since are divided by the policy's rule among the chosen clusters that take new placements, and
   * added to their shares.
   */
  private static Map<String, ReplicaDivision.Share> keptSplit(
      ReplicaScheduling scheduling,
      Replicas replicas,
      List<MemberState> chosen,
      List<MemberState> takingNew,
      PreviousPlacement previous) {
    Map<String, Integer> kept = new LinkedHashMap<>();
    for (MemberState cluster : chosen) {
      kept.put(cluster.name(), previous.replicas().getOrDefault(cluster.name(), 0));
    }
    int keptTotal = kept.values().stream().mapToInt(Integer::intValue).sum();
    int lost = replicas.count() - keptTotal;
    Map<String, ReplicaDivision.Share> shares = new LinkedHashMap<>();
    if (lost <= 0) {
      kept.forEach(
          (cluster, share) ->
              shares.put(
                  cluster,
                  new ReplicaDivision.Share(
                      share,
                      "the last decision's split, kept: replicas are divided anew only when a"
                          + " cluster is lost or the template or its policy changes")));
      return shares;
    }
    Map<String, ReplicaDivision.Share> extra =
        ReplicaDivision.divide(
            scheduling,
            new Replicas(lost, replicas.cpuMillisEach(), replicas.memoryBytesEach()),
            takingNew);
    kept.forEach(
        (cluster, share) -> {
          ReplicaDivision.Share added =
              extra.getOrDefault(
                  cluster,
                  new ReplicaDivision.Share(
                      0, "it takes no new replicas while it blocks new placements"));
          shares.put(
              cluster,
              new ReplicaDivision.Share(
                  share + added.replicas(),
                  share
                      + " kept from the last decision, "
                      + added.replicas()
                      + " of the "
                      + lost
                      + " replicas of lost clusters: "
                      + added.basis()));
        });
    return shares;
  }

  /** Which clusters of the last decision are no longer in the fleet at all. */
  private static String leftTheFleet(
      Optional<PreviousPlacement> previous, List<MemberState> clusters) {
    Set<String> known = clusters.stream().map(MemberState::name).collect(Collectors.toSet());
    List<String> gone =
        previous.map(PreviousPlacement::clusters).orElse(List.of()).stream()
            .filter(cluster -> !known.contains(cluster))
            .sorted()
            .toList();
    return gone.isEmpty()
        ? ""
        : "; placed last time in " + String.join(", ", gone) + ", which left the fleet";
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

  /** The group that placed the template last time still has an eligible cluster: it stays. */
  private static Outcome keptOnFallback(Evaluation used) {
    String kept =
        "fallback group "
            + used.group().describe()
            + " kept from the last decision until the template or its policy changes";
    List<ClusterDecision> decisions = new ArrayList<>();
    for (ClusterDecision decision : used.decisions()) {
      decisions.add(
          decision instanceof ClusterDecision.Selected selected
              ? new ClusterDecision.Selected(
                  decision.cluster(), decision.reason() + "; " + kept, selected.replicas())
              : decision);
    }
    return new Outcome(
        "; placed by " + kept + used.note(),
        concat(decisions, used.notInFleet()),
        OptionalInt.of(used.group().index()));
  }

  private static Outcome fallenBackTo(Evaluation used, List<Evaluation> skipped) {
    OptionalInt index = OptionalInt.of(used.group().index());
    if (skipped.isEmpty()) {
      return new Outcome(
          "; placed by " + used.group().describe() + used.note(),
          concat(used.decisions(), used.notInFleet()),
          index);
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
      decisions.add(retold(decision, why));
    }
    return new Outcome(
        "; placed by fallback group "
            + used.group().describe()
            + " as no cluster is eligible in "
            + skippedGroups
            + used.note(),
        concat(decisions, used.notInFleet()),
        index);
  }

  private static Outcome noGroupFits(List<Evaluation> skipped) {
    List<ClusterDecision> decisions = new ArrayList<>();
    for (ClusterDecision decision : skipped.get(0).decisions()) {
      String why =
          "fallback group: no group of clusterAffinities has an eligible cluster ("
              + reasonsIn(skipped, decision.cluster())
              + ")";
      boolean evicted =
          skipped.stream()
              .flatMap(evaluation -> evaluation.decisions().stream())
              .anyMatch(
                  d ->
                      d instanceof ClusterDecision.Evicted
                          && d.cluster().equals(decision.cluster()));
      decisions.add(
          evicted
              ? new ClusterDecision.Evicted(decision.cluster(), why)
              : new ClusterDecision.FilteredOut(decision.cluster(), why));
    }
    Map<String, ClusterDecision> notInFleet = new LinkedHashMap<>();
    skipped.forEach(
        evaluation -> evaluation.notInFleet().forEach(d -> notInFleet.putIfAbsent(d.cluster(), d)));
    return new Outcome(
        "; no group of clusterAffinities has an eligible cluster",
        concat(decisions, List.copyOf(notInFleet.values())),
        OptionalInt.empty());
  }

  /** The same decision with another reason. */
  private static ClusterDecision retold(ClusterDecision decision, String why) {
    if (decision instanceof ClusterDecision.Selected selected) {
      return new ClusterDecision.Selected(decision.cluster(), why, selected.replicas());
    }
    if (decision instanceof ClusterDecision.Evicted) {
      return new ClusterDecision.Evicted(decision.cluster(), why);
    }
    return new ClusterDecision.FilteredOut(decision.cluster(), why);
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
