package io.kafleet.placement.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * How a policy's tolerations treat a cluster's taints over time, as Kubernetes' taint manager
 * treats a pod's: a NoExecute taint is tolerated for the least {@code tolerationSeconds} of the
 * tolerations that match it (for as long as it lasts when none of them sets one), counted from when
 * the taint was added.
 *
 * <p>A policy that does not tolerate the {@link Taint#NOT_READY} NoExecute taint tolerates it for
 * the fleet default {@link #DEFAULT_NOT_READY_TOLERATION}, as Karmada's webhook once added such a
 * toleration to every policy ({@code --default-not-ready-toleration-seconds}): a cluster's blip
 * moves nothing; only a cluster not ready for longer loses its works. The NoExecute taint itself is
 * the cluster status's to put on when a cluster is not ready.
 */
final class Tolerance {

  static final Duration DEFAULT_NOT_READY_TOLERATION = Duration.ofSeconds(300);

  private static final Toleration DEFAULT_NOT_READY =
      new Toleration(
          Taint.NOT_READY,
          Toleration.Operator.Exists,
          null,
          Taint.Effect.NoExecute,
          DEFAULT_NOT_READY_TOLERATION.toSeconds());

  /**
   * What the tolerations make of one taint.
   *
   * @param tolerated whether the taint is tolerated at all
   * @param until when a tolerated NoExecute taint stops being tolerated; null for never
   * @param seconds the {@code tolerationSeconds} that set {@code until}
   */
  record Verdict(boolean tolerated, Instant until, long seconds) {
    boolean expiredAt(Instant now) {
      return until != null && !now.isBefore(until);
    }
  }

  private Tolerance() {}

  /** The policy's tolerations with the defaults Karmada adds to every policy. */
  static List<Toleration> withDefaults(List<Toleration> tolerations) {
    Taint notReady = new Taint(Taint.NOT_READY, null, Taint.Effect.NoExecute);
    if (tolerations.stream().anyMatch(toleration -> toleration.tolerates(notReady))) {
      return tolerations;
    }
    List<Toleration> all = new ArrayList<>(tolerations);
    all.add(DEFAULT_NOT_READY);
    return all;
  }

  static Verdict of(Taint taint, List<Toleration> tolerations) {
    List<Toleration> matching =
        tolerations.stream().filter(toleration -> toleration.tolerates(taint)).toList();
    if (matching.isEmpty()) {
      return new Verdict(false, null, 0);
    }
    OptionalLong least =
        matching.stream()
            .filter(toleration -> toleration.tolerationSeconds() != null)
            .mapToLong(Toleration::tolerationSeconds)
            .min();
    if (taint.effect() != Taint.Effect.NoExecute || least.isEmpty() || taint.timeAdded() == null) {
      return new Verdict(true, null, 0);
    }
    long seconds = Math.max(0, least.getAsLong());
    return new Verdict(true, taint.timeAdded().plusSeconds(seconds), seconds);
  }
}
