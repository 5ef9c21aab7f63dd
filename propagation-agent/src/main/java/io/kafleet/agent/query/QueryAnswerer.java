package io.kafleet.agent.query;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.kafleet.events.AgentQuery;
import io.kafleet.events.AgentQueryReply;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Answers one query from the cluster's API server. Never throws: a failure is the reply. */
public final class QueryAnswerer {

  private static final long PAGE_SIZE = 250;

  private final String cluster;
  private final KubernetesClient client;
  private final QuerySettings settings;
  private final Clock clock;

  public QueryAnswerer(
      String cluster, KubernetesClient client, QuerySettings settings, Clock clock) {
    this.cluster = cluster;
    this.client = client;
    this.settings = settings;
    this.clock = clock;
  }

  public AgentQueryReply answer(AgentQuery query) {
    try {
      return reply(query, true, null, objects(query));
    } catch (QueryRefused e) {
      return reply(query, false, e.getMessage(), List.of());
    } catch (KubernetesClientException e) {
      return reply(query, false, apiServerMessage(e), List.of());
    } catch (RuntimeException e) {
      return reply(query, false, "the agent failed to answer: " + e, List.of());
    }
  }

  private List<String> objects(AgentQuery query) {
    if (!cluster.equals(query.getCluster())) {
      throw new QueryRefused(
          "the query is for cluster '"
              + query.getCluster()
              + "'; this agent serves '"
              + cluster
              + "'");
    }
    QueryTarget target = QueryTarget.of(query);
    if (!settings.allows(target.group(), target.kind())) {
      throw new QueryRefused(
          "kind "
              + target.groupKind()
              + " may not be read in cluster "
              + cluster
              + " (allowed kinds: "
              + String.join(", ", settings.allowedKinds())
              + ")");
    }
    APIResource resource = discover(target);
    if (!Boolean.TRUE.equals(resource.getNamespaced()) && target.namespace() != null) {
      throw new QueryRefused(
          "kind "
              + target.groupKind()
              + " is cluster-scoped; the query names namespace '"
              + target.namespace()
              + "'");
    }
    MixedOperation<
            GenericKubernetesResource,
            GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>>
        operation =
            client.genericKubernetesResources(
                ResourceDefinitionContext.fromApiResource(target.apiVersion(), resource));
    List<String> objects = new ArrayList<>();
    long bytes = 0;
    String next = null;
    do {
      GenericKubernetesResourceList page =
          target.namespace() == null
              ? operation.inAnyNamespace().list(target.listOptions(next, PAGE_SIZE))
              : operation.inNamespace(target.namespace()).list(target.listOptions(next, PAGE_SIZE));
      for (GenericKubernetesResource object : page.getItems()) {
        // List items of built-in kinds come without apiVersion and kind.
        object.setApiVersion(target.apiVersion());
        object.setKind(target.kind());
        String json = client.getKubernetesSerialization().asJson(SecretRedaction.redact(object));
        bytes += json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > settings.maxReplyBytes()) {
          throw new QueryRefused(
              "the answer is larger than "
                  + settings.maxReplyBytes()
                  + " bytes; narrow the query with a namespace, a name or a label selector");
        }
        objects.add(json);
      }
      next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
    } while (next != null && !next.isEmpty());
    return objects;
  }

  /** The kind's resource as the API server serves it, as kubectl finds it. */
  private APIResource discover(QueryTarget target) {
    APIResourceList resources = client.getApiResources(target.apiVersion());
    if (resources != null && resources.getResources() != null) {
      for (APIResource resource : resources.getResources()) {
        // Subresources (deployments/status) share their parent's kind.
        if (target.kind().equals(resource.getKind()) && !resource.getName().contains("/")) {
          return resource;
        }
      }
    }
    throw new QueryRefused(
        "the server doesn't have kind " + target.kind() + " in " + target.apiVersion());
  }

  static String apiServerMessage(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getStatus().getMessage();
    }
    return e.getMessage();
  }

  private AgentQueryReply reply(AgentQuery query, boolean ok, String error, List<String> objects) {
    return AgentQueryReply.newBuilder()
        .setQueryId(query.getQueryId())
        .setCluster(cluster)
        .setOk(ok)
        .setError(error)
        .setObjects(objects)
        .setRepliedAt(clock.instant())
        .build();
  }
}
