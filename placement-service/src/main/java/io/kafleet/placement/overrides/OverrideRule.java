package io.kafleet.placement.overrides;

import java.util.List;
import java.util.Optional;

/**
 * One of Karmada's {@code overrideRules}: overriders for the clusters of {@code targetCluster}
 * (every cluster when it is absent), in the order Karmada applies the kinds of overrider.
 */
public record OverrideRule(Optional<TargetCluster> targetCluster, List<Overrider> overriders) {

  public OverrideRule {
    overriders = List.copyOf(overriders);
  }
}
