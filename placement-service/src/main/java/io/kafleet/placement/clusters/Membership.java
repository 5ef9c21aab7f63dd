package io.kafleet.placement.clusters;

import io.kafleet.placement.scheduling.Taint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a cluster may receive work, decided from its last heartbeat and its admission. A cluster
 * that is not ready carries Karmada's {@link Taint#NOT_READY} NoExecute taint, added when it
 * stopped being ready (its last heartbeat plus the readiness timeout, or when its agent's Ready
 * condition changed), so that policies' {@code tolerationSeconds} count from then; it is lifted as
 * soon as the cluster is ready again. Both times come from the heartbeat, so every instance and
 * every restart sees the same taint.
 */
final class Membership {

  private record NotReady(String reason, Instant since) {}

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
    List<Taint> taints = new ArrayList<>(admission == null ? List.of() : admission.taints());
    NotReady notReady = whyNotReady(heartbeat, settings, now);
    if (notReady != null
        && taints.stream()
            .noneMatch(
                t -> t.key().equals(Taint.NOT_READY) && t.effect() == Taint.Effect.NoExecute)) {
      taints.add(new Taint(Taint.NOT_READY, null, Taint.Effect.NoExecute, notReady.since()));
    }
    return new ClusterStatus(
        name,
        accepted,
        notReady == null,
        notReady == null ? "Ready" : notReady.reason(),
        taints,
        heartbeat);
  }

  private static NotReady whyNotReady(
      MemberCluster heartbeat, ClusterSettings settings, Instant now) {
    if (heartbeat == null) {
      return new NotReady("no heartbeat yet", null);
    }
    Duration silence = Duration.between(heartbeat.lastHeartbeat(), now);
    if (silence.compareTo(settings.readinessTimeout()) > 0) {
      return new NotReady(
          "no heartbeat for "
              + silence.toSeconds()
              + "s ("
              + settings.missedHeartbeats()
              + " missed at "
              + settings.heartbeatInterval().toSeconds()
              + "s)",
          heartbeat.lastHeartbeat().plus(settings.readinessTimeout()));
    }
    return heartbeat.conditions().stream()
        .filter(condition -> condition.type().equals("Ready") && !condition.status().equals("True"))
        .findFirst()
        .map(
            condition ->
                new NotReady(
                    "agent reports Ready=" + condition.status() + ": " + condition.message(),
                    condition.since()))
        .orElse(null);
  }
}
