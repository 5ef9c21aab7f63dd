package io.kafleet.placement.health;

import io.kafleet.placement.kafka.ElectionStanding;

/**
 * Whether an instance is ready for traffic, and why not: it knows the leader (itself or another
 * instance), and when it leads, it has read the compacted topics it rebuilds the fleet from. A
 * standby is ready once it knows the leader: it answers reads of the cluster registry and sends
 * writes to be refused with a 503 naming the standby role, as a load balancer expects of it.
 *
 * @param reason why not ready; empty when ready
 */
public record PlacementReadiness(boolean ready, String reason) {

  public static PlacementReadiness of(ElectionStanding standing) {
    if (!standing.leaderKnown()) {
      return new PlacementReadiness(false, "no leader known yet: waiting for the election");
    }
    if (standing.leading() && !standing.termLoaded()) {
      return new PlacementReadiness(false, "elected; reading the fleet's topics");
    }
    return new PlacementReadiness(true, "");
  }
}
