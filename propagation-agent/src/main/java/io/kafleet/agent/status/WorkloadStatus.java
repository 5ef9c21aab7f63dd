package io.kafleet.agent.status;

import static io.kafleet.agent.status.Fields.condition;
import static io.kafleet.agent.status.Fields.number;
import static io.kafleet.agent.status.Fields.text;

import io.kafleet.events.Health;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rollout health of Deployments, StatefulSets and DaemonSets, the way {@code kubectl rollout
 * status} judges them: the controller has seen the latest spec, and every replica is updated, ready
 * and available.
 */
final class WorkloadStatus {

  private WorkloadStatus() {}

  static Live deployment(Map<String, Object> live) {
    long wanted = number(live, 1, "spec", "replicas");
    Map<String, String> summary = new LinkedHashMap<>();
    long ready =
        counted(summary, "readyReplicas", number(live, 0, "status", "readyReplicas"), wanted);
    long updated =
        counted(summary, "updatedReplicas", number(live, 0, "status", "updatedReplicas"), wanted);
    long available =
        counted(
            summary, "availableReplicas", number(live, 0, "status", "availableReplicas"), wanted);
    boolean deadlineExceeded =
        condition(live, "Progressing")
            .map(c -> "ProgressDeadlineExceeded".equals(c.get("reason")))
            .orElse(false);
    if (deadlineExceeded) {
      summary.put("reason", "ProgressDeadlineExceeded");
      return Live.of(Health.Unhealthy, summary);
    }
    boolean done =
        observedLatest(live)
            && ready >= wanted
            && updated >= wanted
            && available >= wanted
            && number(live, 0, "status", "replicas") <= wanted;
    return Live.of(done ? Health.Healthy : Health.Progressing, summary);
  }

  static Live statefulSet(Map<String, Object> live) {
    long wanted = number(live, 1, "spec", "replicas");
    Map<String, String> summary = new LinkedHashMap<>();
    long ready =
        counted(summary, "readyReplicas", number(live, 0, "status", "readyReplicas"), wanted);
    long updated =
        counted(summary, "updatedReplicas", number(live, 0, "status", "updatedReplicas"), wanted);
    boolean sameRevision =
        text(live, "status", "updateRevision")
            .map(rev -> rev.equals(text(live, "status", "currentRevision").orElse(null)))
            .orElse(false);
    boolean done = observedLatest(live) && ready >= wanted && updated >= wanted && sameRevision;
    return Live.of(done ? Health.Healthy : Health.Progressing, summary);
  }

  static Live daemonSet(Map<String, Object> live) {
    long wanted = number(live, 0, "status", "desiredNumberScheduled");
    Map<String, String> summary = new LinkedHashMap<>();
    long ready = counted(summary, "numberReady", number(live, 0, "status", "numberReady"), wanted);
    long updated =
        counted(
            summary,
            "updatedNumberScheduled",
            number(live, 0, "status", "updatedNumberScheduled"),
            wanted);
    long available =
        counted(summary, "numberAvailable", number(live, 0, "status", "numberAvailable"), wanted);
    boolean done =
        observedLatest(live) && ready >= wanted && updated >= wanted && available >= wanted;
    return Live.of(done ? Health.Healthy : Health.Progressing, summary);
  }

  private static long counted(Map<String, String> summary, String name, long count, long wanted) {
    summary.put(name, count + "/" + wanted);
    return count;
  }

  // Until the controller has observed the latest generation, its counts describe an older spec.
  private static boolean observedLatest(Map<String, Object> live) {
    long observed = number(live, -1, "status", "observedGeneration");
    return observed >= number(live, 0, "metadata", "generation") && observed >= 0;
  }
}
