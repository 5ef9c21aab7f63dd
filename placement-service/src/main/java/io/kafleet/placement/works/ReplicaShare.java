package io.kafleet.placement.works;

import java.util.OptionalInt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A divided workload's copy for one cluster runs that cluster's share of the replicas: its {@code
 * spec.replicas} is the share, as Karmada revises the replicas of each cluster's Work.
 */
final class ReplicaShare {

  private ReplicaShare() {}

  /**
   * @param share empty when the cluster gets the template as written
   * @return the manifest with {@code spec.replicas} set to the share; the template is not changed
   */
  static JsonNode apply(JsonNode manifest, OptionalInt share) {
    if (share.isEmpty()) {
      return manifest;
    }
    if (!(manifest.get("spec") instanceof ObjectNode)) {
      throw new IllegalArgumentException("a divided workload has a spec");
    }
    ObjectNode copy = (ObjectNode) manifest.deepCopy();
    ((ObjectNode) copy.get("spec")).put("replicas", share.getAsInt());
    return copy;
  }
}
