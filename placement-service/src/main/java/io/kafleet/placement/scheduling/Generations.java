package io.kafleet.placement.scheduling;

import io.kafleet.schemas.ObjectKey;
import java.util.Map;
import java.util.Optional;

/**
 * The current generations of a template and of the policies that may govern it, so a decision can
 * say what it was made for ({@link DecisionBasis}).
 *
 * @param policies by policy id; a policy missing here counts as generation 0
 */
public record Generations(long template, Map<ObjectKey, Long> policies) {

  public Generations {
    policies = Map.copyOf(policies);
  }

  DecisionBasis basisFor(Optional<ObjectKey> policy) {
    return new DecisionBasis(
        template, policy, policy.map(id -> policies.getOrDefault(id, 0L)).orElse(0L));
  }
}
