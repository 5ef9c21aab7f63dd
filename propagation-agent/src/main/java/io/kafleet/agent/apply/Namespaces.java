package io.kafleet.agent.apply;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates the namespace an object goes to when it is missing. The namespace is not marked as
 * kafleet's: pruning must never delete a namespace, and everything in it, that kafleet only created
 * on the way.
 */
final class Namespaces {

  private final KubernetesClient client;
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  Namespaces(KubernetesClient client) {
    this.client = client;
  }

  void ensure(String namespace) {
    if (known.contains(namespace)) {
      return;
    }
    if (client.namespaces().withName(namespace).get() == null) {
      try {
        client
            .namespaces()
            .resource(
                new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
            .create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
    }
    known.add(namespace);
  }

  /** After a "not found", the namespace may have been deleted since: look again next time. */
  void forget(String namespace) {
    known.remove(namespace);
  }
}
