package io.kafleet.placement.scheduling;

import io.kafleet.schemas.ObjectKey;
import java.util.Map;
import java.util.Optional;

/**
 * A resource template as the scheduler sees it: its identity, apiVersion and labels, and for a
 * workload with {@code spec.replicas} (Deployment, StatefulSet, ReplicaSet) what dividing it needs.
 */
public record TemplateRef(
    ObjectKey key, String apiVersion, Map<String, String> labels, Optional<Replicas> replicas) {

  public TemplateRef {
    labels = Map.copyOf(labels);
  }

  public TemplateRef(ObjectKey key, String apiVersion, Map<String, String> labels) {
    this(key, apiVersion, labels, Optional.empty());
  }
}
