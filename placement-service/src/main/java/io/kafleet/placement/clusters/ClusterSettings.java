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
 */
@ConfigurationProperties("kafleet.clusters")
public record ClusterSettings(
    @DefaultValue("false") boolean autoAccept,
    @DefaultValue("5s") Duration heartbeatInterval,
    @DefaultValue("3") int missedHeartbeats) {

  public ClusterSettings {
    if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
      throw new IllegalArgumentException(
          "kafleet.clusters.heartbeat-interval must be positive, was " + heartbeatInterval);
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
