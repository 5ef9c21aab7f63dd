package io.kafleet.agent.drift;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kafleet.agent.ManagedObjects;
import io.kafleet.schemas.ObjectKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Informers on the objects kafleet manages (label {@code kafleet.io/managed-by=kafleet}), one per
 * kind that the agent has applied, turning their changes into {@link DriftEvent}s. Objects that
 * exist when an informer starts are not events: the agent has just applied them.
 */
public final class DriftWatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DriftWatcher.class);
  private static final long RESYNC_MILLIS = 0;

  private final KubernetesClient client;
  private final String cluster;
  private final DriftEvents events;
  private final KubernetesSerialization serialization;
  private final Map<String, SharedIndexInformer<GenericKubernetesResource>> informers =
      new ConcurrentHashMap<>();

  public DriftWatcher(KubernetesClient client, String cluster, DriftEvents events) {
    this.client = client;
    this.cluster = cluster;
    this.events = events;
    this.serialization = client.getKubernetesSerialization();
  }

  /** Starts watching the kind, unless already watched. */
  public void watch(ResourceDefinitionContext kind) {
    String id = kind.getGroup() + "/" + kind.getVersion() + "/" + kind.getPlural();
    informers.computeIfAbsent(
        id,
        key -> {
          log.info("watching managed {} for drift", id);
          var all = client.genericKubernetesResources(kind);
          var selected =
              kind.isNamespaceScoped()
                  ? all.inAnyNamespace()
                      .withLabel(ManagedObjects.MANAGED_BY_LABEL, ManagedObjects.MANAGED_BY_VALUE)
                  : all.withLabel(ManagedObjects.MANAGED_BY_LABEL, ManagedObjects.MANAGED_BY_VALUE);
          return selected.inform(new Handler(kind), RESYNC_MILLIS);
        });
  }

  @Override
  public void close() {
    informers.values().forEach(SharedIndexInformer::close);
    informers.clear();
  }

  private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {

    private final ResourceDefinitionContext kind;

    Handler(ResourceDefinitionContext kind) {
      this.kind = kind;
    }

    @Override
    public void onAdd(GenericKubernetesResource object) {
      // Present when the informer started, or just created by the agent itself.
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
      if (!ManagedObjects.isManagedFor(after, cluster)) {
        return;
      }
      ObjectKey key = key(after);
      events.add(
          onlyStatusDiffers(before, after)
              ? new DriftEvent.StatusChanged(key, after)
              : new DriftEvent.Changed(key, after));
    }

    @Override
    public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
      if (ManagedObjects.isManagedFor(object, cluster)) {
        events.add(new DriftEvent.Deleted(key(object)));
      }
    }

    // Objects from a list need not carry apiVersion and kind; the informer's kind names them.
    private ObjectKey key(GenericKubernetesResource object) {
      String group = kind.getGroup();
      String namespace = object.getMetadata().getNamespace();
      return new ObjectKey(
          group == null || group.isEmpty() ? ObjectKey.CORE_GROUP : group,
          kind.getKind(),
          namespace == null || namespace.isEmpty() ? ObjectKey.CLUSTER_SCOPED : namespace,
          object.getMetadata().getName());
    }
  }

  private boolean onlyStatusDiffers(
      GenericKubernetesResource before, GenericKubernetesResource after) {
    return Objects.equals(withoutStatus(before), withoutStatus(after));
  }

  // What an update changes besides the status and the bookkeeping every write changes.
  @SuppressWarnings("unchecked")
  private Map<String, Object> withoutStatus(GenericKubernetesResource object) {
    Map<String, Object> tree = serialization.convertValue(object, Map.class);
    tree.remove("status");
    if (tree.get("metadata") instanceof Map<?, ?> metadata) {
      for (String field : List.of("resourceVersion", "managedFields", "generation")) {
        metadata.remove(field);
      }
    }
    return tree;
  }
}
