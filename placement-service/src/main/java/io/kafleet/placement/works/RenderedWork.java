package io.kafleet.placement.works;

import io.kafleet.events.ConflictResolution;
import io.kafleet.events.ObjectRef;
import io.kafleet.events.Work;
import io.kafleet.schemas.ObjectKey;
import java.time.Instant;
import java.util.Optional;

/**
 * One template's copy for one cluster, in canonical JSON, with the hash that identifies it, the
 * policy that placed it (empty under default placement) and what that policy asks of the agent.
 *
 * @param key the object's key in the cluster (its namespace may differ from the template's)
 * @param contentHash covers the manifest and the agent options, so that a change of either reaches
 *     the agent
 */
public record RenderedWork(
    String cluster,
    ObjectKey key,
    String apiVersion,
    String manifest,
    String contentHash,
    Optional<ObjectKey> policy,
    ConflictResolution conflictResolution,
    boolean preserveOnDeletion) {

  /** The event for {@code kafleet.es.<cluster>}, keyed by {@link #key()}. */
  public Work toEvent(long templateGeneration, Instant at) {
    return Work.newBuilder()
        .setObjectKey(key.toString())
        .setCluster(cluster)
        .setApiVersion(apiVersion)
        .setManifest(manifest)
        .setTemplateGeneration(templateGeneration)
        .setContentHash(contentHash)
        .setPolicy(
            policy
                .map(
                    p ->
                        new ObjectRef(
                            p.group(),
                            p.kind(),
                            p.clusterScoped() ? null : p.namespace(),
                            p.name()))
                .orElse(null))
        .setConflictResolution(conflictResolution)
        .setPreserveOnDeletion(preserveOnDeletion)
        .setCreatedAt(at)
        .setUpdatedAt(at)
        .build();
  }
}
