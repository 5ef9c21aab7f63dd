package io.kafleet.agent.heartbeat;

import io.kafleet.events.ClusterCondition;
import io.kafleet.events.ClusterHeartbeat;
import io.kafleet.events.ConditionStatus;
import java.time.Instant;
import java.util.List;

/**
 * What the agent last learnt from its API server, and whether it is answering. When it stops
 * answering, the last known version and summary stay and only the Ready condition changes; the
 * condition's transition time moves only when its status does.
 */
public record HeartbeatState(
    String kubernetesVersion, ClusterSummary summary, ClusterCondition ready) {

  static final String READY = "Ready";
  static final String UNKNOWN_VERSION = "unknown";

  /** Before the API server's first answer. */
  public static HeartbeatState starting(Instant now) {
    return new HeartbeatState(
        UNKNOWN_VERSION,
        ClusterSummary.EMPTY,
        new ClusterCondition(
            READY, ConditionStatus.Unknown, "Starting", "waiting for the API server", now));
  }

  public HeartbeatState answered(String version, ClusterSummary newSummary, Instant now) {
    return new HeartbeatState(
        version, newSummary, condition(ConditionStatus.True, "ApiServerAnswered", null, now));
  }

  public HeartbeatState unanswered(String message, Instant now) {
    return new HeartbeatState(
        kubernetesVersion,
        summary,
        condition(ConditionStatus.False, "ApiServerUnreachable", message, now));
  }

  public ClusterHeartbeat heartbeat(String cluster, HeartbeatSettings settings, Instant now) {
    return ClusterHeartbeat.newBuilder()
        .setCluster(cluster)
        .setLabels(settings.labels())
        .setProvider(settings.provider())
        .setRegion(settings.region())
        .setZone(settings.zone())
        .setKubernetesVersion(kubernetesVersion)
        .setNodeCount(summary.nodeCount())
        .setAllocatableCpuMillis(summary.allocatableCpuMillis())
        .setAllocatableMemoryBytes(summary.allocatableMemoryBytes())
        .setAllocatedCpuMillis(summary.allocatedCpuMillis())
        .setAllocatedMemoryBytes(summary.allocatedMemoryBytes())
        .setConditions(List.of(ready))
        .setAgentVersion(settings.agentVersion())
        .setSentAt(now)
        .build();
  }

  private ClusterCondition condition(
      ConditionStatus status, String reason, String message, Instant now) {
    Instant since = ready.getStatus() == status ? ready.getLastTransitionTime() : now;
    return new ClusterCondition(READY, status, reason, message, since);
  }
}
