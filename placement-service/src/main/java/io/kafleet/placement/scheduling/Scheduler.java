package io.kafleet.placement.scheduling;

import io.kafleet.placement.scheduling.ResourceSelector.Specificity;
import io.kafleet.schemas.ObjectKey;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Decides where a template goes: a pure, deterministic function of the template, the policies and
 * the member clusters, with the reasons kept for {@code explain}.
 *
 * <p>Among the policies that select a template, the winner is the one whose selector is most
 * specific (name over label selector over kind), then the higher {@code priority}, then a
 * namespaced PropagationPolicy over a ClusterPropagationPolicy, then the first by name. The
 * winner's placement rules then pick the clusters and divide the replicas ({@link
 * ClusterSelection}). A template no policy selects stays in the control plane, except Istio traffic
 * rules, which go to every accepted, ready cluster whose taints they need not tolerate.
 *
 * <p>Given the last decision for the template, the new one keeps to it while the template and the
 * winning policy are at the generations that decision was made for (see {@link ClusterSelection}
 * for what is kept); once either changes, or another policy wins, the template is scheduled afresh
 * and the rule says why.
 */
public final class Scheduler {

  private static final String ISTIO_NETWORKING = "networking.istio.io";
  private static final Set<String> FLEET_WIDE_ISTIO_KINDS =
      Set.of(
          "Gateway",
          "DestinationRule",
          "VirtualService",
          "ServiceEntry",
          "Sidecar",
          "EnvoyFilter",
          "WorkloadEntry",
          "WorkloadGroup");

  private record Candidate(PlacementPolicy policy, Specificity specificity) {}

  private static final Comparator<Candidate> PRECEDENCE =
      Comparator.comparing(Candidate::specificity)
          .thenComparingInt(candidate -> candidate.policy().priority())
          .thenComparing(candidate -> candidate.policy().namespaced())
          .reversed()
          .thenComparing(candidate -> candidate.policy().id().toString());

  private Scheduler() {}

  /** A first decision, made without generations or a clock. */
  public static Placement place(
      TemplateRef template,
      Collection<PlacementPolicy> policies,
      Collection<MemberState> clusters) {
    return place(template, policies, clusters, DecisionContext.NONE);
  }

  /**
   * A decision that keeps to the last one in the context, skips the clusters whose works are being
   * evicted, and lets NoExecute tolerations expire at the context's time.
   */
  public static Placement place(
      TemplateRef template,
      Collection<PlacementPolicy> policies,
      Collection<MemberState> clusters,
      DecisionContext context) {
    List<Candidate> candidates =
        policies.stream()
            .filter(policy -> mayGovern(policy, template))
            .flatMap(
                policy ->
                    bestSelection(policy, template).map(s -> new Candidate(policy, s)).stream())
            .sorted(PRECEDENCE)
            .toList();
    List<MemberState> sortedClusters =
        clusters.stream().sorted(Comparator.comparing(MemberState::name)).toList();
    Optional<ObjectKey> policy =
        candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0).policy().id());
    DecisionBasis basis = context.generations().basisFor(policy);
    String change = context.previous().map(p -> basis.changeSince(p.basis())).orElse(null);
    DecisionContext binding = change == null ? context : context.afresh();
    String afresh = change == null ? "" : "; scheduled afresh as " + change;
    if (candidates.isEmpty()) {
      return defaultPlacement(template, sortedClusters, basis, binding, afresh);
    }
    Candidate winner = candidates.get(0);
    List<String> passedOver =
        candidates.stream().skip(1).map(loser -> whyItLost(loser, winner)).toList();
    ClusterSelection.Outcome outcome =
        ClusterSelection.decide(template, winner.policy().placement(), sortedClusters, binding);
    return new Placement(
        template.key(),
        policy,
        "selected by "
            + winner.policy().id()
            + " ("
            + describe(winner.specificity())
            + ")"
            + outcome.note()
            + afresh,
        passedOver,
        outcome.decisions(),
        outcome.affinityGroup(),
        basis,
        outcome.reviewAt(
            sortedClusters, winner.policy().placement().clusterTolerations(), context.now()));
  }

  /** Whether the template goes to every accepted cluster when no policy selects it. */
  public static boolean fleetWideByDefault(ObjectKey key) {
    return ISTIO_NETWORKING.equals(key.group()) && FLEET_WIDE_ISTIO_KINDS.contains(key.kind());
  }

  /** Whether the policy selects the template, whether or not it wins it. */
  public static boolean selects(PlacementPolicy policy, TemplateRef template) {
    return mayGovern(policy, template) && bestSelection(policy, template).isPresent();
  }

  private static boolean mayGovern(PlacementPolicy policy, TemplateRef template) {
    return !policy.namespaced() || policy.id().namespace().equals(template.key().namespace());
  }

  private static Optional<Specificity> bestSelection(PlacementPolicy policy, TemplateRef template) {
    return policy.resourceSelectors().stream()
        .flatMap(selector -> selector.select(template).stream())
        .max(Comparator.naturalOrder());
  }

  private static Placement defaultPlacement(
      TemplateRef template,
      List<MemberState> clusters,
      DecisionBasis basis,
      DecisionContext context,
      String afresh) {
    ObjectKey key = template.key();
    if (fleetWideByDefault(key)) {
      ClusterSelection.Outcome outcome =
          ClusterSelection.decide(
              template, PlacementRules.of(ClusterAffinity.ANY), clusters, context);
      return new Placement(
          key,
          Optional.empty(),
          "no policy selects it; Istio traffic rules go to every accepted cluster by default"
              + outcome.note()
              + afresh,
          List.of(),
          outcome.decisions(),
          OptionalInt.empty(),
          basis,
          outcome.reviewAt(clusters, List.of(), context.now()));
    }
    return new Placement(
        key,
        Optional.empty(),
        "no policy selects it; it stays in the control plane",
        List.of(),
        clusters.stream()
            .<ClusterDecision>map(
                c -> new ClusterDecision.FilteredOut(c.name(), "no policy selects the template"))
            .toList(),
        OptionalInt.empty(),
        basis,
        Optional.empty());
  }

  private static String whyItLost(Candidate loser, Candidate winner) {
    String why;
    if (loser.specificity() != winner.specificity()) {
      why =
          "selects it by "
              + describe(loser.specificity())
              + ", less specific than "
              + describe(winner.specificity());
    } else if (loser.policy().priority() != winner.policy().priority()) {
      why = "priority " + loser.policy().priority() + " < " + winner.policy().priority();
    } else if (loser.policy().namespaced() != winner.policy().namespaced()) {
      why = "a ClusterPropagationPolicy yields to a PropagationPolicy";
    } else {
      why = "equal precedence; " + winner.policy().id() + " comes first by name";
    }
    return loser.policy().id() + ": " + why;
  }

  private static String describe(Specificity specificity) {
    return switch (specificity) {
      case NAME -> "name";
      case LABEL -> "label selector";
      case KIND -> "kind only";
    };
  }
}
