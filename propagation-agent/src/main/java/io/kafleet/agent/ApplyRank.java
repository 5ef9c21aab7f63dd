package io.kafleet.agent;

import static java.util.Map.entry;

import io.kafleet.schemas.ObjectKey;
import java.util.Map;

/**
 * Where a kind goes in apply order; the declaration order of the constants is that order. A kind is
 * known by group and kind together, so that e.g. Knative's {@code serving.knative.dev/Service} or
 * the Gateway API's {@code gateway.networking.k8s.io/Gateway} are not mistaken for the core Service
 * or Istio's Gateway.
 */
public enum ApplyRank {
  /** Everything namespaced is rejected until its Namespace exists. */
  NAMESPACE,
  /** Custom resources are rejected until their CRD is established. */
  CUSTOM_RESOURCE_DEFINITION,
  /**
   * What pods reference or are admitted against: ServiceAccounts, ConfigMaps, Secrets, RBAC, and
   * the admission-time objects (ResourceQuota, LimitRange, PriorityClass), which only take effect
   * for pods created after them.
   */
  IDENTITY_AND_CONFIG,
  /** Volumes before the pods that mount them, so pods do not wait on unbound claims. */
  STORAGE,
  /** Services before workloads, so that pods get the Service environment variables. */
  SERVICE,
  WORKLOAD,
  /**
   * Custom resources and every kind not named here (Ingress, HorizontalPodAutoscaler, ...). They
   * come after workloads because custom resources usually act on workloads (monitors, autoscalers,
   * certificates for them), and before Istio so that routing is the last thing to change.
   */
  OTHER,
  /**
   * Istio configuration other than VirtualServices: DestinationRule, Gateway, ServiceEntry,
   * Sidecar, EnvoyFilter, WorkloadEntry, WorkloadGroup, and kinds of any other {@code *.istio.io}
   * group (security, telemetry). They go after the workloads they select.
   */
  ISTIO_MESH,
  /**
   * VirtualServices last: Istio's "make before break" rule. A VirtualService that routes to a
   * subset, gateway or service entry that does not exist yet answers 503; in deletion order (the
   * reverse) the route goes first, before what it routes to.
   */
  ISTIO_ROUTE;

  private static final String ISTIO_NETWORKING = "networking.istio.io";

  private static final Map<String, ApplyRank> BY_GROUP_AND_KIND =
      Map.ofEntries(
          entry("core/Namespace", NAMESPACE),
          entry("apiextensions.k8s.io/CustomResourceDefinition", CUSTOM_RESOURCE_DEFINITION),
          entry("core/ServiceAccount", IDENTITY_AND_CONFIG),
          entry("core/ConfigMap", IDENTITY_AND_CONFIG),
          entry("core/Secret", IDENTITY_AND_CONFIG),
          entry("core/ResourceQuota", IDENTITY_AND_CONFIG),
          entry("core/LimitRange", IDENTITY_AND_CONFIG),
          entry("scheduling.k8s.io/PriorityClass", IDENTITY_AND_CONFIG),
          entry("rbac.authorization.k8s.io/Role", IDENTITY_AND_CONFIG),
          entry("rbac.authorization.k8s.io/ClusterRole", IDENTITY_AND_CONFIG),
          entry("rbac.authorization.k8s.io/RoleBinding", IDENTITY_AND_CONFIG),
          entry("rbac.authorization.k8s.io/ClusterRoleBinding", IDENTITY_AND_CONFIG),
          entry("storage.k8s.io/StorageClass", STORAGE),
          entry("core/PersistentVolume", STORAGE),
          entry("core/PersistentVolumeClaim", STORAGE),
          entry("core/Service", SERVICE),
          entry("apps/Deployment", WORKLOAD),
          entry("apps/StatefulSet", WORKLOAD),
          entry("apps/DaemonSet", WORKLOAD),
          entry("apps/ReplicaSet", WORKLOAD),
          entry("core/ReplicationController", WORKLOAD),
          entry("batch/Job", WORKLOAD),
          entry("batch/CronJob", WORKLOAD),
          entry("core/Pod", WORKLOAD),
          entry(ISTIO_NETWORKING + "/VirtualService", ISTIO_ROUTE));

  public static ApplyRank of(ObjectKey key) {
    ApplyRank known = BY_GROUP_AND_KIND.get(key.group() + "/" + key.kind());
    if (known != null) {
      return known;
    }
    return isIstioGroup(key.group()) ? ISTIO_MESH : OTHER;
  }

  private static boolean isIstioGroup(String group) {
    return group.equals("istio.io") || group.endsWith(".istio.io");
  }
}
