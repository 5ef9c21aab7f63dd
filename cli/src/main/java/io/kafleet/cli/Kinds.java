package io.kafleet.cli;

import java.util.Locale;
import java.util.Map;

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

  private Kinds() {}

  /** The kind in lower case and singular, as the fleet API matches kinds case-insensitively. */
  static String normalize(String kind) {
    String lower = kind.toLowerCase(Locale.ROOT);
    String known = SHORT_NAMES.get(lower);
    if (known != null) {
      return known;
    }
    if (lower.endsWith("policies")) {
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
