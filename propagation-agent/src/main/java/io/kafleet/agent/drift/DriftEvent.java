package io.kafleet.agent.drift;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.kafleet.schemas.ObjectKey;

/** Something happened to a managed object in the member cluster. */
public sealed interface DriftEvent {

  ObjectKey key();

  /** Someone changed what kafleet applies (spec, labels, ...); {@code live} is the new state. */
  record Changed(ObjectKey key, GenericKubernetesResource live) implements DriftEvent {}

  /** Someone deleted the object, or took kafleet's label off it. */
  record Deleted(ObjectKey key) implements DriftEvent {}

  /** Only the object's status changed, e.g. pods of a Deployment became ready. */
  record StatusChanged(ObjectKey key, GenericKubernetesResource live) implements DriftEvent {}
}
