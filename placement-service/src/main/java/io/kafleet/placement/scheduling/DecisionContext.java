package io.kafleet.placement.scheduling;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a decision for a template takes besides the template, the policies and the clusters.
 *
 * @param generations the template's and the policies' current generations
 * @param previous the last decision for the template, if any
 * @param evictions the running graceful eviction tasks of the template, by cluster: those clusters
 *     are not chosen again while their works leave (as Karmada's scheduler skips the clusters in a
 *     binding's graceful eviction tasks), unless a taint evicted it and it is ready again
 * @param now against which NoExecute tolerations expire ({@link Instant#EPOCH}: none does)
 */
public record DecisionContext(
    Generations generations,
    Optional<PreviousPlacement> previous,
    Map<String, EvictionTask> evictions,
    Instant now) {

  /** A first decision, made without generations or a clock. */
  public static final DecisionContext NONE =
      new DecisionContext(new Generations(0, Map.of()), Optional.empty(), Map.of(), Instant.EPOCH);

  public DecisionContext {
    evictions = Map.copyOf(evictions);
  }

  /** The same, but with no last decision to keep to. */
  DecisionContext afresh() {
    return new DecisionContext(generations, Optional.empty(), evictions, now);
  }
}
