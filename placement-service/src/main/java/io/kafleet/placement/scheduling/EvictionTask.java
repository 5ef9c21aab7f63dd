package io.kafleet.placement.scheduling;

import java.time.Duration;
import java.time.Instant;

/**
 * A cluster a template was evicted from whose works stay until the template is healthy where it
 * went instead, or the grace period passes (Karmada's GracefulEvictionTask).
 *
 * @param since when the eviction was decided
 * @param reason why, as the decision said it
 * @param gracePeriod null when kafleet is never to remove the works (application failover's {@code
 *     purgeMode: Never}): they stay until someone removes them
 */
public record EvictionTask(String cluster, Instant since, String reason, Duration gracePeriod) {

  /** When the works go whatever the health elsewhere; null for never. */
  public Instant deadline() {
    return gracePeriod == null ? null : since.plus(gracePeriod);
  }
}
