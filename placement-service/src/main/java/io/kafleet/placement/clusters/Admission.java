package io.kafleet.placement.clusters;

import io.kafleet.events.ClusterAdmission;
import io.kafleet.events.ClusterTaint;
import io.kafleet.events.TaintEffect;
import io.kafleet.placement.scheduling.Taint;
import java.time.Instant;
import java.util.List;

/** The operator's decision on a cluster: whether it receives work, and its taints. */
public record Admission(boolean accepted, List<Taint> taints, String decidedBy, Instant decidedAt) {

  public Admission {
    taints = List.copyOf(taints);
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
        event.getDecidedAt());
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
        decidedAt);
  }
}
