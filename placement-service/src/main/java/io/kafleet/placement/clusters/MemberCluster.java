package io.kafleet.placement.clusters;

import io.kafleet.events.ClusterHeartbeat;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What placement knows of a member cluster, from its agent's latest heartbeat. */
public record MemberCluster(
    String name,
    Map<String, String> labels,
    String provider,
    String region,
    String zone,
    String kubernetesVersion,
    int nodeCount,
    List<Condition> conditions,
    long allocatableCpuMillis,
    long allocatableMemoryBytes,
    long allocatedCpuMillis,
    long allocatedMemoryBytes,
    String agentVersion,
    Instant lastHeartbeat) {

  /**
   * One of the agent's cluster conditions, e.g. Ready=True.
   *
   * @param since when it last changed status
   */
  public record Condition(String type, String status, String message, Instant since) {}

  public MemberCluster {
    labels = Map.copyOf(labels);
    conditions = List.copyOf(conditions);
  }

  static MemberCluster from(ClusterHeartbeat heartbeat) {
    return new MemberCluster(
        heartbeat.getCluster(),
        heartbeat.getLabels(),
        heartbeat.getProvider(),
        heartbeat.getRegion(),
        heartbeat.getZone(),
        heartbeat.getKubernetesVersion(),
        heartbeat.getNodeCount(),
        heartbeat.getConditions().stream()
            .map(
                c ->
                    new Condition(
                        c.getType(),
                        c.getStatus().name(),
                        c.getMessage(),
                        c.getLastTransitionTime()))
            .toList(),
        heartbeat.getAllocatableCpuMillis(),
        heartbeat.getAllocatableMemoryBytes(),
        heartbeat.getAllocatedCpuMillis(),
        heartbeat.getAllocatedMemoryBytes(),
        heartbeat.getAgentVersion(),
        heartbeat.getSentAt());
  }
}
