package io.kafleet.placement.overrides;

import io.kafleet.schemas.ObjectKey;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Where the kinds that run pods keep their pod spec. */
public final class Workloads {

  private static final Map<String, JsonPointer> POD_SPECS =
      Map.of(
          "core/Pod", JsonPointer.of("spec"),
          "apps/Deployment", JsonPointer.of("spec", "template", "spec"),
          "apps/ReplicaSet", JsonPointer.of("spec", "template", "spec"),
          "apps/DaemonSet", JsonPointer.of("spec", "template", "spec"),
          "apps/StatefulSet", JsonPointer.of("spec", "template", "spec"),
          "batch/Job", JsonPointer.of("spec", "template", "spec"),
          "batch/CronJob", JsonPointer.of("spec", "jobTemplate", "spec", "template", "spec"));

  private Workloads() {}

  /** The pointer to the pod spec of an object of this kind, empty when it runs no pods. */
  static Optional<JsonPointer> podSpec(ObjectKey key) {
    return Optional.ofNullable(POD_SPECS.get(key.group() + "/" + key.kind()));
  }

  /** The pod spec of a manifest of this kind, empty when it runs no pods or has none. */
  public static Optional<JsonNode> podSpec(ObjectKey key, JsonNode manifest) {
    return podSpec(key).map(pointer -> pointer.find(manifest)).filter(JsonNode::isObject);
  }
}
