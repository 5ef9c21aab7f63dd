package io.kafleet.placement.clusters;

import io.kafleet.placement.scheduling.Capacity;
import io.kafleet.placement.scheduling.MemberState;
import io.kafleet.placement.scheduling.Taint;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    if (lastHeartbeat == null) {
      return new MemberState(
          name, Map.of(), accepted, ready, null, null, null, taints, Optional.empty());
    }
    return new MemberState(
        name,
        lastHeartbeat.labels(),
        accepted,
        ready,
        lastHeartbeat.provider(),
        lastHeartbeat.region(),
        lastHeartbeat.zone(),
        taints,
        Optional.of(
            new Capacity(
                lastHeartbeat.allocatableCpuMillis(),
                lastHeartbeat.allocatableMemoryBytes(),
                lastHeartbeat.allocatedCpuMillis(),
                lastHeartbeat.allocatedMemoryBytes())));
  }
}
