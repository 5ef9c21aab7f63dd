package io.kafleet.placement.scheduling;

/** Why one member cluster does or does not get a template: the substance of {@code explain}. */
public sealed interface ClusterDecision {

  String cluster();

  String reason();

  record Selected(String cluster, String reason) implements ClusterDecision {}

  record FilteredOut(String cluster, String reason) implements ClusterDecision {}
}
