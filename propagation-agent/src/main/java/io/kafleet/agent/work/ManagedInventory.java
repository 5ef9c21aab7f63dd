package io.kafleet.agent.work;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.ApiVisitor;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kafleet.agent.ManagedObjects;
import io.kafleet.schemas.ObjectKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every object kafleet manages for this cluster, of any kind the API server serves: what pruning
 * compares with the desired set. A kind served at several versions is listed once per version; the
 * keys are version-free, so each object counts once.
 */
final class ManagedInventory {

  private static final Logger log = LoggerFactory.getLogger(ManagedInventory.class);

  private final KubernetesClient client;
  private final String cluster;

  ManagedInventory(KubernetesClient client, String cluster) {
    this.client = client;
    this.cluster = cluster;
  }

  Set<ObjectKey> keys() {
    Set<ObjectKey> keys = new HashSet<>();
    Set<String> forbidden = new TreeSet<>();
    client.visitResources(
        (group, version, resource, operation) -> {
          if (listable(resource)) {
            try {
              List<GenericKubernetesResource> items =
                  (resource.getNamespaced() ? operation.inAnyNamespace() : operation)
                      .withLabel(ManagedObjects.MANAGED_BY_LABEL, ManagedObjects.MANAGED_BY_VALUE)
                      .list()
                      .getItems();
              for (GenericKubernetesResource item : items) {
                if (ManagedObjects.isManagedFor(item, cluster)) {
                  keys.add(key(group, resource.getKind(), item));
                }
              }
            } catch (KubernetesClientException e) {
              if (e.getCode() == 403) {
                // The agent's RBAC grants only the kinds it places: one line for all the others.
                forbidden.add(
                    resource.getName() + (group == null || group.isEmpty() ? "" : "." + group));
                return ApiVisitor.ApiVisitResult.CONTINUE;
              }
              log.warn(
                  "cannot list managed {} {}/{}: {}",
                  resource.getKind(),
                  group,
                  version,
                  e.getMessage());
            }
          }
          return ApiVisitor.ApiVisitResult.CONTINUE;
        });
    if (!forbidden.isEmpty()) {
      log.warn(
          "not pruning {} kinds the agent may not list (objects of them kafleet placed before stay):"
              + " {}",
          forbidden.size(),
          String.join(", ", forbidden));
    }
    return keys;
  }

  private static boolean listable(APIResource resource) {
    return !resource.getName().contains("/")
        && resource.getVerbs() != null
        && resource.getVerbs().contains("list")
        && resource.getVerbs().contains("delete");
  }

  // List items need not carry apiVersion and kind; the visited resource names them.
  private static ObjectKey key(String group, String kind, GenericKubernetesResource item) {
    String namespace = item.getMetadata().getNamespace();
    return new ObjectKey(
        group == null || group.isEmpty() ? ObjectKey.CORE_GROUP : group,
        kind,
        namespace == null || namespace.isEmpty() ? ObjectKey.CLUSTER_SCOPED : namespace,
        item.getMetadata().getName());
  }
}
