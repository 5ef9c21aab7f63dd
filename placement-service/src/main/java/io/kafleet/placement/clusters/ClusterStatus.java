package io.kafleet.placement.clusters;

import io.kafleet.placement.scheduling.MemberState;
import java.util.List;
import java.util.Map;

/**
 * A member cluster as the fleet sees it now: admitted or not, ready or not and why, and what its
 * agent last reported (null before the first heartbeat).
 */
public record ClusterStatus(
    String name,
    boolean accepted,
    boolean ready,
    String condition,
    List<Taint> taints,
    MemberCluster lastHeartbeat) {

  public ClusterStatus {
    taints = List.copyOf(taints);
  }

  public MemberState toMemberState() {
    return new MemberState(
        name, lastHeartbeat == null ? Map.of() : lastHeartbeat.labels(), accepted, ready);
  }
}
