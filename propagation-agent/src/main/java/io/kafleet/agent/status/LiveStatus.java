package io.kafleet.agent.status;

import static io.kafleet.agent.status.Fields.conditionIs;
import static io.kafleet.agent.status.Fields.number;
import static io.kafleet.agent.status.Fields.text;

import io.kafleet.events.Health;
import io.kafleet.schemas.ObjectKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Health and a compact summary of a live object, interpreted per kind: workloads by rollout and
 * ready replicas, Jobs by completion, configuration and routing objects by existence. A pure
 * function of the object's JSON tree.
 */
public final class LiveStatus {

  private static final Set<String> HEALTHY_WHEN_PRESENT =
      Set.of(
          "core/Service",
          "core/ConfigMap",
          "core/Secret",
          "core/ServiceAccount",
          "core/Namespace",
          "rbac.authorization.k8s.io/Role",
          "rbac.authorization.k8s.io/RoleBinding",
          "rbac.authorization.k8s.io/ClusterRole",
          "rbac.authorization.k8s.io/ClusterRoleBinding");

  private LiveStatus() {}

  /** The status of the object, or of its absence when {@code live} is null. */
  public static Live of(ObjectKey key, Map<String, Object> live) {
    if (live == null) {
      return Live.of(Health.Unhealthy, Map.of("exists", "false"));
    }
    String kind = key.group() + "/" + key.kind();
    switch (kind) {
      case "apps/Deployment":
        return WorkloadStatus.deployment(live);
      case "apps/StatefulSet":
        return WorkloadStatus.statefulSet(live);
      case "apps/DaemonSet":
        return WorkloadStatus.daemonSet(live);
      case "batch/Job":
        return job(live);
      case "apiextensions.k8s.io/CustomResourceDefinition":
        return conditionIs(live, "Established", "True")
            ? Live.of(Health.Healthy, Map.of("established", "true"))
            : Live.of(Health.Progressing, Map.of("established", "false"));
      case "networking.istio.io/VirtualService":
        return new Live(Health.Healthy, Map.of("exists", "true"), RouteWeightsReader.read(live));
      case "core/Service":
        return service(live);
      default:
        if (HEALTHY_WHEN_PRESENT.contains(kind) || isIstio(key.group())) {
          return Live.of(Health.Healthy, Map.of("exists", "true"));
        }
        return Live.of(Health.Unknown, Map.of("exists", "true"));
    }
  }

  private static Live job(Map<String, Object> live) {
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put("succeeded", Long.toString(number(live, 0, "status", "succeeded")));
    summary.put("failed", Long.toString(number(live, 0, "status", "failed")));
    summary.put("active", Long.toString(number(live, 0, "status", "active")));
    if (conditionIs(live, "Complete", "True")) {
      return Live.of(Health.Healthy, summary);
    }
    if (conditionIs(live, "Failed", "True")) {
      return Live.of(Health.Unhealthy, summary);
    }
    return Live.of(Health.Progressing, summary);
  }

  private static Live service(Map<String, Object> live) {
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put("type", text(live, "spec", "type").orElse("ClusterIP"));
    text(live, "spec", "clusterIP").ifPresent(ip -> summary.put("clusterIP", ip));
    return Live.of(Health.Healthy, summary);
  }

  private static boolean isIstio(String group) {
    return group.equals("istio.io") || group.endsWith(".istio.io");
  }
}
