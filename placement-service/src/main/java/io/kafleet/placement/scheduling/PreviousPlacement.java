package io.kafleet.placement.scheduling;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The last decision for a template, the input that makes the next one sticky, as Karmada keeps its
 * scheduling result in the ResourceBinding: where the template went, how divided replicas were
 * split, and which {@code clusterAffinities} group placed it.
 *
 * @param basis what the decision was made for
 * @param clusters the clusters it placed the template in
 * @param replicas each of those clusters' share of divided replicas; empty when the template went
 *     whole
 * @param affinityGroup the index of the {@code clusterAffinities} group that placed it; empty with
 *     a single {@code clusterAffinity}, or when no group had an eligible cluster
 */
public record PreviousPlacement(
    DecisionBasis basis,
    List<String> clusters,
    Map<String, Integer> replicas,
    OptionalInt affinityGroup) {

  public PreviousPlacement {
    clusters = List.copyOf(clusters);
    replicas = Map.copyOf(replicas);
  }

  /** What to remember of a decision for the next one. */
  public static PreviousPlacement of(Placement placement) {
    Map<String, Integer> replicas = new TreeMap<>();
    for (String cluster : placement.selectedClusters()) {
      placement.replicasOf(cluster).ifPresent(share -> replicas.put(cluster, share));
    }
    return new PreviousPlacement(
        placement.basis(), placement.selectedClusters(), replicas, placement.affinityGroup());
  }

  boolean placedIn(String cluster) {
    return clusters.contains(cluster);
  }
}
