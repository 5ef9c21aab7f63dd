package io.kafleet.placement.works;

import io.kafleet.events.ConflictResolution;
import io.kafleet.events.ObjectRef;
import io.kafleet.events.Work;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.sealing.SealingKeys;
import io.kafleet.sealing.SecretManifests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One template's copy for one cluster, in canonical JSON, with the hash that identifies it, the
 * policy that placed it (empty under default placement) and what that policy asks of the agent.
 *
 * @param key the object's key in the cluster (its namespace may differ from the template's)
 * @param contentHash covers the manifest and the agent options, so that a change of either reaches
 *     the agent
 * @param sealFor for a Secret, the cluster's sealing public key (base64): the manifest is the
 *     plaintext, sealed only when the work becomes an event, so that equal Secrets keep equal
 *     hashes
 */
public record RenderedWork(
    String cluster,
    ObjectKey key,
    String apiVersion,
    String manifest,
    String contentHash,
    Optional<ObjectKey> policy,
    ConflictResolution conflictResolution,
    boolean preserveOnDeletion,
    Optional<String> sealFor) {

  /** A work that travels as it is. */
  public RenderedWork(
      String cluster,
      ObjectKey key,
      String apiVersion,
      String manifest,
      String contentHash,
      Optional<ObjectKey> policy,
      ConflictResolution conflictResolution,
      boolean preserveOnDeletion) {
    this(
        cluster,
        key,
        apiVersion,
        manifest,
        contentHash,
        policy,
        conflictResolution,
        preserveOnDeletion,
        Optional.empty());
  }

  /** The same work, sealed for the given key, with the given hash. */
  public RenderedWork sealedFor(String publicKey, String sealedHash) {
    return new RenderedWork(
        cluster,
        key,
        apiVersion,
        manifest,
        sealedHash,
        policy,
        conflictResolution,
        preserveOnDeletion,
        Optional.of(publicKey));
  }

  /**
   * The same work asking the agent to keep the object when the work is removed, with a hash of its
   * own (the agent's options are part of the content): what a leave that keeps the cluster's
   * objects sends before the work's tombstone.
   */
  public RenderedWork preservedCopy() {
    String hash;
    try {
      hash =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(
                          (contentHash + "\npreserveOnDeletion=true")
                              .getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    return new RenderedWork(
        cluster, key, apiVersion, manifest, hash, policy, conflictResolution, true, sealFor);
  }

  /** Never prints the manifest: it may be a Secret's plaintext. */
  @Override
  public String toString() {
    return "RenderedWork[" + cluster + " " + key + " " + contentHash + "]";
  }

  /**
   * The event for {@code kafleet.es.<cluster>}, keyed by {@link #key()}; a Secret's values sealed
   * afresh for its cluster.
   */
  public Work toEvent(long templateGeneration, Instant at) {
    Optional<SecretManifests.Sealed> sealed =
        sealFor.map(
            publicKey ->
                SecretManifests.seal(
                    manifest, SealingKeys.publicKey(publicKey), cluster, key.toString()));
    return Work.newBuilder()
        .setObjectKey(key.toString())
        .setCluster(cluster)
        .setApiVersion(apiVersion)
        .setManifest(sealed.map(SecretManifests.Sealed::manifest).orElse(manifest))
        .setSealedData(sealed.map(SecretManifests.Sealed::envelope).orElse(null))
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
