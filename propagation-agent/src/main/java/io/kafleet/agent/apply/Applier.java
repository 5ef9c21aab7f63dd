package io.kafleet.agent.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.kafleet.agent.ManagedObjects;
import io.kafleet.events.ConflictResolution;
import io.kafleet.events.Work;
import io.kafleet.schemas.ObjectKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Applies one work with server-side apply as field manager {@code kafleet}, marking the object as
 * kafleet's. Never throws for a bad object: every problem becomes an {@link Outcome}.
 */
public final class Applier {

  private final KubernetesClient client;
  private final ApiKinds kinds;
  private final ManifestReader reader;
  private final GuardRails guardRails;
  private final FieldExclusions exclusions;
  private final Namespaces namespaces;
  private final SecretOpener secrets;
  private final String cluster;

  public Applier(
      KubernetesClient client,
      ApiKinds kinds,
      GuardRails guardRails,
      FieldExclusions exclusions,
      SecretOpener secrets,
      String cluster) {
    this.client = client;
    this.kinds = kinds;
    this.reader = new ManifestReader(client.getKubernetesSerialization());
    this.guardRails = guardRails;
    this.exclusions = exclusions;
    this.namespaces = new Namespaces(client);
    this.secrets = secrets;
    this.cluster = cluster;
  }

  /** What the agent knows of the object before applying: it decides what an apply checks first. */
  public enum Known {
    /** Maybe absent, maybe someone else's: with conflictResolution Abort, it is read first. */
    NOTHING,
    /**
     * kafleet wrote it and saw no one take it since (that would be drift, reverted): it is not read
     * first. The read cost as much as the apply itself in a profile of the in-memory backend.
     */
    WRITTEN_BY_KAFLEET,
    /** kafleet manages it and someone changed it: restored whatever the conflict policy. */
    REVERT
  }

  /** Applies the work; see {@link Known} for what is checked first. */
  public Outcome apply(ObjectKey key, Work work, Known known) {
    Optional<String> refusal = guardRails.refusal(key);
    if (refusal.isPresent()) {
      return Outcome.failed(refusal.get(), false);
    }
    GenericKubernetesResource object;
    try {
      object = reader.read(key, secrets.manifestOf(key, work));
    } catch (InvalidManifestException e) {
      return Outcome.failed(e.getMessage(), false);
    }
    try {
      Optional<ResourceDefinitionContext> kind =
          kinds.resolve(object.getApiVersion(), object.getKind());
      if (kind.isEmpty()) {
        return Outcome.failed(
            "kind "
                + object.getKind()
                + " of "
                + object.getApiVersion()
                + " is not served by this cluster's API server",
            true);
      }
      if (kind.get().isNamespaceScoped() == key.clusterScoped()) {
        return Outcome.failed(
            key.clusterScoped()
                ? object.getKind() + " is namespaced: metadata.namespace is required"
                : object.getKind() + " is cluster-scoped: metadata.namespace must not be set",
            false);
      }
      boolean force =
          known == Known.REVERT || work.getConflictResolution() == ConflictResolution.Overwrite;
      boolean checkFirst = !force && known == Known.NOTHING;
      return applyResolved(key, work, prepare(key, object, work), kind.get(), force, checkFirst);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 && !key.clusterScoped()) {
        namespaces.forget(key.namespace());
      }
      return Outcome.failed(ApiErrors.message(e), true);
    }
  }

  private Outcome applyResolved(
      ObjectKey key,
      Work work,
      GenericKubernetesResource object,
      ResourceDefinitionContext kind,
      boolean force,
      boolean checkFirst) {
    if (!key.clusterScoped()) {
      namespaces.ensure(key.namespace());
    }
    Resource<GenericKubernetesResource> resource = resource(kind, key).resource(object);
    if (checkFirst) {
      GenericKubernetesResource existing = resource(kind, key).withName(key.name()).get();
      if (existing != null && !ManagedObjects.isManagedFor(existing, cluster)) {
        return Outcome.conflict(
            key
                + " already exists and is not managed by kafleet for cluster "
                + cluster
                + "; conflictResolution Abort leaves it unchanged",
            existing);
      }
    }
    ServerSideApplicable<GenericKubernetesResource> apply =
        resource.fieldValidation(Validation.STRICT).fieldManager(ManagedObjects.FIELD_MANAGER);
    GenericKubernetesResource live;
    try {
      live = (force ? apply.forceConflicts() : apply).serverSideApply();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return Outcome.conflict(
            "another field manager owns fields kafleet applies (conflictResolution Abort): "
                + ApiErrors.message(e),
            null);
      }
      throw e;
    }
    if (CrdWait.isCrd(key)) {
      live = new CrdWait(client, kinds).untilEstablished(kind, live);
    } else if (key.kind().equals("VirtualService")) {
      // Report what the server holds now, not what was sent.
      live = resource(kind, key).withName(key.name()).get();
    }
    return Outcome.applied(live, null);
  }

  private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
          GenericKubernetesResource,
          io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      resource(ResourceDefinitionContext kind, ObjectKey key) {
    var all = client.genericKubernetesResources(kind);
    return key.clusterScoped() ? all : all.inNamespace(key.namespace());
  }

  /** The manifest as kafleet applies it: marked as kafleet's, without server-owned metadata. */
  private GenericKubernetesResource prepare(
      ObjectKey key, GenericKubernetesResource object, Work work) {
    ObjectMeta metadata = object.getMetadata();
    Map<String, String> labels = new HashMap<>(orEmpty(metadata.getLabels()));
    labels.put(ManagedObjects.MANAGED_BY_LABEL, ManagedObjects.MANAGED_BY_VALUE);
    Map<String, String> annotations = new HashMap<>(orEmpty(metadata.getAnnotations()));
    annotations.put(ManagedObjects.CLUSTER_ANNOTATION, cluster);
    annotations.put(ManagedObjects.CONTENT_HASH_ANNOTATION, work.getContentHash());
    metadata.setLabels(labels);
    metadata.setAnnotations(annotations);
    metadata.setResourceVersion(null);
    metadata.setUid(null);
    metadata.setManagedFields(null);
    metadata.setCreationTimestamp(null);
    metadata.setGeneration(null);
    metadata.setSelfLink(null);
    object.getAdditionalProperties().remove("status");
    exclusions.strip(key, object.getAdditionalProperties());
    return object;
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
