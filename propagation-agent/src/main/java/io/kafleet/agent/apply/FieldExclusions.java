package io.kafleet.agent.apply;

import io.kafleet.schemas.ObjectKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fields that another controller owns in the member cluster (e.g. {@code spec.replicas} under an
 * HPA), per kind: kafleet leaves them out of what it applies, so it neither sets nor reverts them.
 * Written {@code group/Kind:dotted.path}, e.g. {@code apps/Deployment:spec.replicas}.
 */
public record FieldExclusions(Map<String, List<List<String>>> pathsByKind) {

  public FieldExclusions {
    Map<String, List<List<String>>> copy = new LinkedHashMap<>();
    pathsByKind.forEach((kind, paths) -> copy.put(kind, List.copyOf(paths)));
    pathsByKind = Map.copyOf(copy);
  }

  public static FieldExclusions none() {
    return new FieldExclusions(Map.of());
  }

  /** Parses entries like {@code apps/Deployment:spec.replicas}; names the entry that is wrong. */
  public static FieldExclusions parse(List<String> entries) {
    Map<String, List<List<String>>> byKind = new LinkedHashMap<>();
    for (String entry : entries) {
      int colon = entry.indexOf(':');
      String kind = colon < 0 ? "" : entry.substring(0, colon);
      String path = colon < 0 ? "" : entry.substring(colon + 1);
      if (!kind.matches("[^/:]+/[^/:]+") || !path.matches("[^.:]+(\\.[^.:]+)*")) {
        throw new IllegalArgumentException(
            "'"
                + entry
                + "' is not of the form group/Kind:dotted.path (apps/Deployment:spec.replicas)");
      }
      byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(List.of(path.split("\\.")));
    }
    return new FieldExclusions(byKind);
  }

  /** Removes the excluded fields of the object's kind from its (mutable) top-level fields. */
  public void strip(ObjectKey key, Map<String, Object> fields) {
    for (List<String> path : pathsByKind.getOrDefault(key.group() + "/" + key.kind(), List.of())) {
      remove(fields, path);
    }
  }

  @SuppressWarnings("unchecked")
  private static void remove(Map<String, Object> fields, List<String> path) {
    Map<String, Object> parent = fields;
    for (String step : path.subList(0, path.size() - 1)) {
      Object child = parent.get(step);
      if (!(child instanceof Map)) {
        return;
      }
      parent = (Map<String, Object>) child;
    }
    parent.remove(path.get(path.size() - 1));
  }
}
