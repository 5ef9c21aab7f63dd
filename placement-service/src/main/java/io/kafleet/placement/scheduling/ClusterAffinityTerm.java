package io.kafleet.placement.scheduling;

/** One named group of Karmada's {@code placement.clusterAffinities}. */
public record ClusterAffinityTerm(String affinityName, ClusterAffinity affinity) {}
