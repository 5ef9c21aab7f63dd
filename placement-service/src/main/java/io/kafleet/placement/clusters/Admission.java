package io.kafleet.placement.clusters;

import io.kafleet.events.ClusterAdmission;
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
        event.getTaints().stream().map(Taint::from).toList(),
        event.getDecidedBy(),
        event.getDecidedAt());
  }

  public ClusterAdmission toEvent(String cluster) {
    return new ClusterAdmission(
        cluster, accepted, taints.stream().map(Taint::toEvent).toList(), decidedBy, decidedAt);
  }
}
