package io.kafleet.placement.clusters;

import io.kafleet.events.ClusterAdmission;
import io.kafleet.events.ClusterTaint;
import io.kafleet.events.TaintEffect;
import io.kafleet.placement.scheduling.Taint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The operator's decision on a cluster: whether it receives work, and its taints; and the public
 * key Secrets placed there are sealed for (empty: the cluster receives no Secret). A taint counts
 * as added when the decision was made, from which a NoExecute toleration's {@code
 * tolerationSeconds} run.
 *
 * @param sealingPublicKey base64 of an X25519 public key's X.509 DER, already validated
 */
public record Admission(
    boolean accepted,
    List<Taint> taints,
    String decidedBy,
    Instant decidedAt,
    Optional<String> sealingPublicKey) {

  public Admission {
    taints =
        taints.stream()
            .map(
                t ->
                    t.timeAdded() == null
                        ? new Taint(t.key(), t.value(), t.effect(), decidedAt)
                        : t)
            .toList();
  }

  /** A decision on a cluster that has no sealing key. */
  public Admission(boolean accepted, List<Taint> taints, String decidedBy, Instant decidedAt) {
    this(accepted, taints, decidedBy, decidedAt, Optional.empty());
  }

  public static Admission from(ClusterAdmission event) {
    return new Admission(
        event.getAccepted(),
        event.getTaints().stream()
            .map(
                t ->
                    new Taint(t.getKey(), t.getValue(), Taint.Effect.valueOf(t.getEffect().name())))
            .toList(),
        event.getDecidedBy(),
        event.getDecidedAt(),
        Optional.ofNullable(event.getSealingPublicKey()));
  }

  public ClusterAdmission toEvent(String cluster) {
    return new ClusterAdmission(
        cluster,
        accepted,
        taints.stream()
            .map(
                t ->
                    new ClusterTaint(
                        t.key(),
                        t.value().isEmpty() ? null : t.value(),
                        TaintEffect.valueOf(t.effect().name())))
            .toList(),
        decidedBy,
        decidedAt,
        sealingPublicKey.orElse(null));
  }
}
