package io.kafleet.placement.clusters;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the fleet admits clusters and judges them alive.
 *
 * @param autoAccept accept every cluster that heartbeats, unless an operator refused it (the dev
 *     stack's choice; production leaves it off so that joining is an explicit act)
 * @param heartbeatInterval how often agents heartbeat
 * @param missedHeartbeats after this many intervals without a heartbeat a cluster is NotReady
 * @param evictionGracePeriod how long a cluster a template was evicted from keeps its works at most
 *     while the template is not yet healthy where it went (Karmada's graceful eviction timeout)
 */
@ConfigurationProperties("kafleet.clusters")
public record ClusterSettings(
    @DefaultValue("false") boolean autoAccept,
    @DefaultValue("5s") Duration heartbeatInterval,
    @DefaultValue("3") int missedHeartbeats,
    @DefaultValue("10m") Duration evictionGracePeriod) {

  public ClusterSettings {
    if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
      throw new IllegalArgumentException(
          "kafleet.clusters.heartbeat-interval must be positive, was " + heartbeatInterval);
    }
    if (evictionGracePeriod.isNegative()) {
      throw new IllegalArgumentException(
          "kafleet.clusters.eviction-grace-period must not be negative, was "
              + evictionGracePeriod);
    }
    if (missedHeartbeats < 1) {
      throw new IllegalArgumentException(
          "kafleet.clusters.missed-heartbeats must be at least 1, was " + missedHeartbeats);
    }
  }

  Duration readinessTimeout() {
    return heartbeatInterval.multipliedBy(missedHeartbeats);
  }
}
