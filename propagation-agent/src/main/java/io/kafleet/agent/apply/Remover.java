package io.kafleet.agent.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.kafleet.agent.ManagedObjects;
import io.kafleet.agent.metrics.AgentMetrics;
import io.kafleet.events.Work;
import io.kafleet.schemas.ObjectKey;
import java.util.Optional;

/**
 * Removes an object whose work is gone: deletes it, or, when the last work asked to preserve it,
 * only takes kafleet's marks off so that nothing prunes it later. Objects kafleet does not manage
 * for this cluster are never touched.
 */
public final class Remover {

  private final KubernetesClient client;
  private final ApiKinds kinds;
  private final String cluster;
  private final AgentMetrics metrics;

  /**
   * @param metrics counts the objects this remover deletes (prunes)
   */
  public Remover(KubernetesClient client, ApiKinds kinds, String cluster, AgentMetrics metrics) {
    this.client = client;
    this.kinds = kinds;
    this.cluster = cluster;
    this.metrics = metrics;
  }

  /** Removes the object of a removed work; {@code last} is the last work seen, if any. */
  public Outcome remove(ObjectKey key, Work last) {
    try {
      Optional<ResourceDefinitionContext> kind =
          last == null ? kinds.resolve(key) : kinds.resolve(last.getApiVersion(), key.kind());
      if (kind.isEmpty()) {
        return Outcome.deleted("its kind is not served by this cluster's API server");
      }
      Resource<GenericKubernetesResource> resource = resource(kind.get(), key);
      GenericKubernetesResource live = resource.get();
      if (live == null) {
        return Outcome.deleted(null);
      }
      if (!ManagedObjects.isManagedFor(live, cluster)) {
        return Outcome.deleted("left unchanged: kafleet does not manage it for cluster " + cluster);
      }
      if (last != null && last.getPreserveOnDeletion()) {
        resource.edit(Remover::unmark);
        return Outcome.deleted(
            "kept in the cluster (preserveOnDeletion); kafleet no longer manages it");
      }
      resource.delete();
      metrics.pruned(key.kind());
      return Outcome.deleted(null);
    } catch (KubernetesClientException e) {
      return Outcome.failed("cannot remove: " + ApiErrors.message(e), true);
    }
  }

  private Resource<GenericKubernetesResource> resource(
      ResourceDefinitionContext kind, ObjectKey key) {
    var all = client.genericKubernetesResources(kind);
    return key.clusterScoped()
        ? all.withName(key.name())
        : all.inNamespace(key.namespace()).withName(key.name());
  }

  private static GenericKubernetesResource unmark(GenericKubernetesResource object) {
    if (object.getMetadata().getLabels() != null) {
      object.getMetadata().getLabels().remove(ManagedObjects.MANAGED_BY_LABEL);
    }
    if (object.getMetadata().getAnnotations() != null) {
      object.getMetadata().getAnnotations().remove(ManagedObjects.CLUSTER_ANNOTATION);
      object.getMetadata().getAnnotations().remove(ManagedObjects.CONTENT_HASH_ANNOTATION);
    }
    return object;
  }
}
