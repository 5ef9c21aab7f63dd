package io.kafleet.placement.scheduling;

import java.time.Duration;
import java.time.Instant;

/**
 * A cluster a template was evicted from whose works stay until the template is healthy where it
 * went instead, or the grace period passes (Karmada's GracefulEvictionTask).
 *
 * @param since when the eviction was decided
 * @param reason why, as the decision said it
 */
public record EvictionTask(String cluster, Instant since, String reason, Duration gracePeriod) {

  Instant deadline() {
    return since.plus(gracePeriod);
  }
}
