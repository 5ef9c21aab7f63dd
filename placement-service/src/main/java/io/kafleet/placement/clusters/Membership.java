package io.kafleet.placement.clusters;

import io.kafleet.placement.scheduling.Taint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Whether a cluster may receive work, decided from its last heartbeat and its admission. */
final class Membership {

  private Membership() {}

  /**
   * @param heartbeat null when the cluster has not been heard from
   * @param admission null when no operator has decided on the cluster
   */
  static ClusterStatus of(
      String name,
      MemberCluster heartbeat,
      Admission admission,
      ClusterSettings settings,
      Instant now) {
    boolean accepted = admission == null ? settings.autoAccept() : admission.accepted();
    List<Taint> taints = admission == null ? List.of() : admission.taints();
    String notReady = whyNotReady(heartbeat, settings, now);
    return new ClusterStatus(
        name, accepted, notReady == null, notReady == null ? "Ready" : notReady, taints, heartbeat);
  }

  private static String whyNotReady(
      MemberCluster heartbeat, ClusterSettings settings, Instant now) {
    if (heartbeat == null) {
      return "no heartbeat yet";
    }
    Duration silence = Duration.between(heartbeat.lastHeartbeat(), now);
    if (silence.compareTo(settings.readinessTimeout()) > 0) {
      return "no heartbeat for "
          + silence.toSeconds()
          + "s ("
          + settings.missedHeartbeats()
          + " missed at "
          + settings.heartbeatInterval().toSeconds()
          + "s)";
    }
    return heartbeat.conditions().stream()
        .filter(condition -> condition.type().equals("Ready") && !condition.status().equals("True"))
        .findFirst()
        .map(condition -> "agent reports Ready=" + condition.status() + ": " + condition.message())
        .orElse(null);
  }
}
