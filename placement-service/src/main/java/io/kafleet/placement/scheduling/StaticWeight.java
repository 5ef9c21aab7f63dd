package io.kafleet.placement.scheduling;

/**
 * One entry of {@code weightPreference.staticWeightList}: the clusters it matches, and a weight.
 */
public record StaticWeight(ClusterAffinity targetCluster, int weight) {}
