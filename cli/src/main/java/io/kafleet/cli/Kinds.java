package io.kafleet.cli;

import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Kind names as kubectl takes them: plural, singular, short name, any case. */
final class Kinds {

  private static final Map<String, String> SHORT_NAMES =
      Map.ofEntries(
          Map.entry("deploy", "deployment"),
          Map.entry("svc", "service"),
          Map.entry("sa", "serviceaccount"),
          Map.entry("cm", "configmap"),
          Map.entry("ns", "namespace"),
          Map.entry("sts", "statefulset"),
          Map.entry("ds", "daemonset"),
          Map.entry("pvc", "persistentvolumeclaim"),
          Map.entry("vs", "virtualservice"),
          Map.entry("dr", "destinationrule"),
          Map.entry("gw", "gateway"),
          Map.entry("se", "serviceentry"),
          Map.entry("pp", "propagationpolicy"),
          Map.entry("cpp", "clusterpropagationpolicy"),
          Map.entry("op", "overridepolicy"),
          Map.entry("cop", "clusteroverridepolicy"),
          Map.entry("app", "application"));

  /** The apiVersion and Kind a member's API server knows a (normalized) kind by. */
  private static final Map<String, String[]> SERVED =
      Map.ofEntries(
          Map.entry("deployment", new String[] {"apps/v1", "Deployment"}),
          Map.entry("statefulset", new String[] {"apps/v1", "StatefulSet"}),
          Map.entry("daemonset", new String[] {"apps/v1", "DaemonSet"}),
          Map.entry("replicaset", new String[] {"apps/v1", "ReplicaSet"}),
          Map.entry("service", new String[] {"v1", "Service"}),
          Map.entry("serviceaccount", new String[] {"v1", "ServiceAccount"}),
          Map.entry("configmap", new String[] {"v1", "ConfigMap"}),
          Map.entry("secret", new String[] {"v1", "Secret"}),
          Map.entry("namespace", new String[] {"v1", "Namespace"}),
          Map.entry("pod", new String[] {"v1", "Pod"}),
          Map.entry("persistentvolumeclaim", new String[] {"v1", "PersistentVolumeClaim"}),
          Map.entry("job", new String[] {"batch/v1", "Job"}),
          Map.entry("cronjob", new String[] {"batch/v1", "CronJob"}),
          Map.entry("ingress", new String[] {"networking.k8s.io/v1", "Ingress"}),
          Map.entry("virtualservice", new String[] {"networking.istio.io/v1", "VirtualService"}),
          Map.entry("destinationrule", new String[] {"networking.istio.io/v1", "DestinationRule"}),
          Map.entry("gateway", new String[] {"networking.istio.io/v1", "Gateway"}),
          Map.entry("serviceentry", new String[] {"networking.istio.io/v1", "ServiceEntry"}));

  private Kinds() {}

  /** {apiVersion, Kind} of a kind a member cluster serves, for live reads ({@code -m}). */
  static String[] served(String kind) {
    String[] served = SERVED.get(normalize(kind));
    if (served == null) {
      throw new CliException(
          "kafleet does not know the apiVersion of kind "
              + kind
              + " for -m; known: "
              + new TreeSet<>(SERVED.keySet()));
    }
    return served;
  }

  /** The kind in lower case and singular, as the fleet API matches kinds case-insensitively. */
  static String normalize(String kind) {
    String lower = kind.toLowerCase(Locale.ROOT);
    String known = SHORT_NAMES.get(lower);
    if (known != null) {
      return known;
    }
    if (lower.endsWith("ies")) {
      return lower.substring(0, lower.length() - 3) + "y";
    }
    if (lower.endsWith("sses")) {
      return lower.substring(0, lower.length() - 2);
    }
    if (lower.endsWith("s") && !lower.endsWith("ss")) {
      return lower.substring(0, lower.length() - 1);
    }
    return lower;
  }
}
