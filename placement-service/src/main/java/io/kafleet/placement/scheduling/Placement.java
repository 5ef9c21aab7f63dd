package io.kafleet.placement.scheduling;

import io.kafleet.schemas.ObjectKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where one template goes and why.
 *
 * @param policy the policy that won the template, empty under default placement
 * @param rule which rule decided, in words
 * @param passedOver the other policies that selected the template, each with why it lost
 * @param clusters every known cluster with the reason it was selected or filtered out
 * @param affinityGroup the index of the {@code clusterAffinities} group that placed it; empty with
 *     a single {@code clusterAffinity}, or when no group had an eligible cluster
 * @param basis what the decision was made for (generations 0 where the caller gave none)
 * @param reviewAt when a toleration on a selected cluster runs out: the decision is to be made
 *     again then, though nothing else changes
 */
public record Placement(
    ObjectKey template,
    Optional<ObjectKey> policy,
    String rule,
    List<String> passedOver,
    List<ClusterDecision> clusters,
    OptionalInt affinityGroup,
    DecisionBasis basis,
    Optional<Instant> reviewAt) {

  public Placement {
    passedOver = List.copyOf(passedOver);
    clusters = List.copyOf(clusters);
  }

  /** A decision made without generations or affinity groups. */
  public Placement(
      ObjectKey template,
      Optional<ObjectKey> policy,
      String rule,
      List<String> passedOver,
      List<ClusterDecision> clusters) {
    this(
        template,
        policy,
        rule,
        passedOver,
        clusters,
        OptionalInt.empty(),
        new DecisionBasis(0, policy, 0),
        Optional.empty());
  }

  public List<String> selectedClusters() {
    return clusters.stream()
        .filter(ClusterDecision.Selected.class::isInstance)
        .map(ClusterDecision::cluster)
        .toList();
  }

  /**
   * The cluster's share of a divided workload's replicas; empty when it gets the template whole.
   */
  public OptionalInt replicasOf(String cluster) {
    return clusters.stream()
        .filter(decision -> decision.cluster().equals(cluster))
        .filter(ClusterDecision.Selected.class::isInstance)
        .map(decision -> ((ClusterDecision.Selected) decision).replicas())
        .findFirst()
        .orElse(OptionalInt.empty());
  }
}
