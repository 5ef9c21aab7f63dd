package io.kafleet.agent.apply;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.kafleet.schemas.ObjectKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kinds the member's API server serves, from discovery, cached per apiVersion. A kind not found
 * is looked up once more, since a CRD applied a moment ago adds kinds.
 */
public final class ApiKinds {

  private final KubernetesClient client;
  private final Map<String, List<APIResource>> byApiVersion = new ConcurrentHashMap<>();

  public ApiKinds(KubernetesClient client) {
    this.client = client;
  }

  /** How to reach objects of the kind, or empty when the server does not serve it. */
  public Optional<ResourceDefinitionContext> resolve(String apiVersion, String kind) {
    Optional<ResourceDefinitionContext> cached = find(apiVersion, kind, false);
    return cached.isPresent() ? cached : find(apiVersion, kind, true);
  }

  /** The kind of a key at the group's preferred version, for when no work names the version. */
  public Optional<ResourceDefinitionContext> resolve(ObjectKey key) {
    if (key.group().equals(ObjectKey.CORE_GROUP)) {
      return resolve("v1", key.kind());
    }
    try {
      APIGroup group = client.getApiGroup(key.group());
      if (group == null || group.getPreferredVersion() == null) {
        return Optional.empty();
      }
      return resolve(group.getPreferredVersion().getGroupVersion(), key.kind());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Forgets what discovery said about a group, after a CRD of that group changed. */
  public void forget(String group) {
    byApiVersion.keySet().removeIf(apiVersion -> apiVersion.startsWith(group + "/"));
  }

  private Optional<ResourceDefinitionContext> find(String apiVersion, String kind, boolean fresh) {
    List<APIResource> resources =
        fresh
            ? byApiVersion.compute(apiVersion, (key, old) -> discover(key))
            : byApiVersion.computeIfAbsent(apiVersion, this::discover);
    return resources.stream()
        .filter(resource -> kind.equals(resource.getKind()) && !resource.getName().contains("/"))
        .findFirst()
        .map(resource -> ResourceDefinitionContext.fromApiResource(apiVersion, resource));
  }

  private List<APIResource> discover(String apiVersion) {
    try {
      APIResourceList list = client.getApiResources(apiVersion);
      return list == null || list.getResources() == null ? List.of() : list.getResources();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return List.of();
      }
      throw e;
    }
  }
}
