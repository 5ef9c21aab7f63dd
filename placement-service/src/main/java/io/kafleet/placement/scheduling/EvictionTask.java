package io.kafleet.placement.scheduling;

import java.time.Duration;
import java.time.Instant;

/**
 * A cluster a template was evicted from whose works stay until the template is healthy where it
 * went instead, or the grace period passes (Karmada's GracefulEvictionTask).
 *
 * @param producer what evicted the template, as Karmada's tasks name their producer
 * @param since when the eviction was decided
 * @param reason why, as the decision said it
 * @param gracePeriod null when kafleet is never to remove the works (application failover's {@code
 *     purgeMode: Never}): they stay until someone removes them
 */
public record EvictionTask(
    String cluster, Producer producer, Instant since, String reason, Duration gracePeriod) {

  /** What evicted a template from a cluster. */
  public enum Producer {
    /**
     * A NoExecute taint on the cluster (a not-ready cluster's, or an operator's): once the cluster
     * may be chosen again, choosing it ends the eviction.
     */
    TaintManager,
    /** The template's work stayed unhealthy there: the cluster is not chosen again meanwhile. */
    ApplicationFailover
  }

  /** When the works go whatever the health elsewhere; null for never. */
  public Instant deadline() {
    return gracePeriod == null ? null : since.plus(gracePeriod);
  }
}
