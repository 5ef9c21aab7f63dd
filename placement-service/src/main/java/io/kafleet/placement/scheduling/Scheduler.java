package io.kafleet.placement.scheduling;

import io.kafleet.placement.scheduling.ResourceSelector.Specificity;
import io.kafleet.schemas.ObjectKey;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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

  public static Placement place(
      TemplateRef template,
      Collection<PlacementPolicy> policies,
      Collection<MemberState> clusters) {
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
    if (candidates.isEmpty()) {
      return defaultPlacement(template, sortedClusters);
    }
    Candidate winner = candidates.get(0);
    List<String> passedOver =
        candidates.stream().skip(1).map(loser -> whyItLost(loser, winner)).toList();
    ClusterSelection.Outcome outcome =
        ClusterSelection.decide(template, winner.policy().placement(), sortedClusters);
    return new Placement(
        template.key(),
        Optional.of(winner.policy().id()),
        "selected by "
            + winner.policy().id()
            + " ("
            + describe(winner.specificity())
            + ")"
            + outcome.note(),
        passedOver,
        outcome.decisions());
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

  private static Placement defaultPlacement(TemplateRef template, List<MemberState> clusters) {
    ObjectKey key = template.key();
    if (fleetWideByDefault(key)) {
      return new Placement(
          key,
          Optional.empty(),
          "no policy selects it; Istio traffic rules go to every accepted cluster by default",
          List.of(),
          ClusterSelection.decide(template, PlacementRules.of(ClusterAffinity.ANY), clusters)
              .decisions());
    }
    return new Placement(
        key,
        Optional.empty(),
        "no policy selects it; it stays in the control plane",
        List.of(),
        clusters.stream()
            .<ClusterDecision>map(
                c -> new ClusterDecision.FilteredOut(c.name(), "no policy selects the template"))
            .toList());
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
