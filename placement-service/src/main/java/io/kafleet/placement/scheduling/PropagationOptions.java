package io.kafleet.placement.scheduling;

import io.kafleet.events.ConflictResolution;
import java.util.Optional;

/**
 * What a policy asks of the works it places, besides where they go.
 *
 * @param propagateDeps Karmada's {@code propagateDeps}: the ConfigMaps, Secrets, ServiceAccounts
 *     and PersistentVolumeClaims a workload's pod template references follow it to its clusters
 * @param conflictResolution what the agent does when the object already exists in the cluster and
 *     kafleet does not manage it
 * @param preserveResourcesOnDeletion keep the object in the cluster when its work is removed
 * @param targetNamespace KubeVela's {@code topology.properties.namespace}: namespaced objects land
 *     in this namespace in the clusters instead of their own
 */
public record PropagationOptions(
    boolean propagateDeps,
    ConflictResolution conflictResolution,
    boolean preserveResourcesOnDeletion,
    Optional<String> targetNamespace) {

  public static final PropagationOptions DEFAULT =
      new PropagationOptions(false, ConflictResolution.Abort, false, Optional.empty());
}
