package io.kafleet.placement.kafka;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Asks the membership handler to act on what changed in the clusters: heartbeats trigger a check at
 * once (the status binding), a cluster that goes silent is noticed by this periodic check. Only the
 * leading instance acts; a new leader renders everything on taking over.
 */
@Component
public class MembershipMonitor {

  private final Leadership leadership;

  MembershipMonitor(Leadership leadership) {
    this.leadership = leadership;
  }

  @Scheduled(fixedDelayString = "${kafleet.clusters.readiness-check-interval:1s}")
  public void check() {
    leadership.term().ifPresent(term -> term.membership().check());
  }
}
