package io.kafleet.placement.works;

import io.kafleet.events.ObjectRef;
import io.kafleet.events.Work;
import io.kafleet.schemas.ObjectKey;
import java.time.Instant;
import java.util.Optional;

/**
 * One template's copy for one cluster, in canonical JSON, with the hash that identifies it and the
 * policy that placed it (empty under default placement).
 */
public record RenderedWork(
    String cluster,
    ObjectKey key,
    String apiVersion,
    String manifest,
    String contentHash,
    Optional<ObjectKey> policy) {

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
        .setCreatedAt(at)
        .setUpdatedAt(at)
        .build();
  }
}
