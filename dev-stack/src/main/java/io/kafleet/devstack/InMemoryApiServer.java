package io.kafleet.devstack;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The in-memory member cluster's API server: fabric8's mock server in CRUD mode, which stores
 * objects, answers gets, lists (with label selectors) and watches, plus the two things the agent
 * needs that the mock lacks. Server-side apply (which the mock refuses with 415) is stored as a
 * create when the object is new and as a replace (PUT) otherwise: the applied object is what is
 * stored, without field ownership, conflicts or validation; discovery answers a fixed set of kinds
 * (core, apps, Istio networking). Nothing runs behind it: no controllers, no admission, no status.
 */
final class InMemoryApiServer extends KubernetesCrudDispatcher {

  private static final String VERBS =
      "[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]";
  private static final String ISTIO = "networking.istio.io";
  private static final List<String> ISTIO_VERSIONS = List.of("v1alpha3", "v1beta1", "v1");

  /** Discovery documents by path. */
  private static final Map<String, String> DISCOVERY = discovery();

  /**
   * The objects written by server-side apply, by path. The mock finds an object by scanning every
   * object it holds, which made it, not kafleet, the benchmark's biggest cost (a JFR profile: 37%
   * of the samples at 1,000 objects per cluster); gets of applied objects are answered from here.
   */
  private final Map<String, String> applied = new ConcurrentHashMap<>();

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = withoutQuery(request.getPath());
    if (request.method() == HttpMethod.GET) {
      String document = DISCOVERY.containsKey(path) ? DISCOVERY.get(path) : applied.get(path);
      if (document != null && !request.getPath().contains("watch")) {
        return json(document);
      }
      return super.dispatch(request);
    }
    String contentType = request.getHeader("Content-Type");
    if (request.method() == HttpMethod.PATCH
        && contentType != null
        && contentType.contains("apply-patch")) {
      return serverSideApply(path, request);
    }
    applied.remove(path); // any other write: the mock's copy is the truth again
    return super.dispatch(request);
  }

  private MockResponse serverSideApply(String path, RecordedRequest request) {
    GenericKubernetesResource object =
        Serialization.unmarshal(request.getUtf8Body(), GenericKubernetesResource.class);
    String json = Serialization.asJson(object);
    boolean exists = applied.containsKey(path) || findResource(getKey(path)) != null;
    MockResponse response =
        exists
            ? handleUpdate(request(HttpMethod.PUT, path, "application/json", json))
            : handleCreate(
                request(
                    HttpMethod.POST,
                    path.substring(0, path.lastIndexOf('/')),
                    "application/json",
                    json));
    if (response.code() / 100 == 2) {
      applied.put(path, new String(response.getBody().getBytes(), StandardCharsets.UTF_8));
    }
    return response;
  }

  private static MockResponse json(String body) {
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private static RecordedRequest request(
      HttpMethod method, String path, String contentType, String body) {
    Buffer buffer = new Buffer();
    buffer.writeUtf8(body);
    return new RecordedRequest(
        "HTTP/1.1",
        method,
        path,
        Headers.builder().add("Content-Type", contentType).build(),
        buffer);
  }

  private static String withoutQuery(String path) {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  private static Map<String, String> discovery() {
    Map<String, String> documents = new java.util.HashMap<>();
    // A version of its own, so that nobody mistakes it for a real API server.
    documents.put(
        "/version",
        "{\"major\":\"1\",\"minor\":\"36\",\"gitVersion\":\"v1.36.3-memory\","
            + "\"platform\":\"linux/amd64\"}");
    documents.put("/api", "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"]}");
    documents.put(
        "/apis",
        "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":["
            + group("apps", List.of("v1"))
            + ","
            + group(ISTIO, ISTIO_VERSIONS)
            + "]}");
    documents.put("/apis/apps", group("apps", List.of("v1")));
    documents.put("/apis/" + ISTIO, group(ISTIO, ISTIO_VERSIONS));
    documents.put(
        "/api/v1",
        resources(
            "v1",
            resource("namespaces", "Namespace", false),
            resource("configmaps", "ConfigMap", true),
            resource("services", "Service", true),
            resource("secrets", "Secret", true),
            resource("serviceaccounts", "ServiceAccount", true),
            resource("pods", "Pod", true),
            resource("nodes", "Node", false)));
    documents.put(
        "/apis/apps/v1", resources("apps/v1", resource("deployments", "Deployment", true)));
    for (String version : ISTIO_VERSIONS) {
      documents.put(
          "/apis/" + ISTIO + "/" + version,
          resources(
              ISTIO + "/" + version,
              resource("virtualservices", "VirtualService", true),
              resource("destinationrules", "DestinationRule", true),
              resource("gateways", "Gateway", true)));
    }
    return Map.copyOf(documents);
  }

  private static String group(String name, List<String> versions) {
    String listed =
        versions.stream()
            .map(
                version ->
                    "{\"groupVersion\":\""
                        + name
                        + "/"
                        + version
                        + "\",\"version\":\""
                        + version
                        + "\"}")
            .collect(Collectors.joining(","));
    return "{\"kind\":\"APIGroup\",\"apiVersion\":\"v1\",\"name\":\""
        + name
        + "\",\"versions\":["
        + listed
        + "],\"preferredVersion\":{\"groupVersion\":\""
        + name
        + "/"
        + versions.get(0)
        + "\",\"version\":\""
        + versions.get(0)
        + "\"}}";
  }

  private static String resource(String plural, String kind, boolean namespaced) {
    return "{\"name\":\""
        + plural
        + "\",\"singularName\":\"\",\"namespaced\":"
        + namespaced
        + ",\"kind\":\""
        + kind
        + "\",\"verbs\":"
        + VERBS
        + "}";
  }

  private static String resources(String groupVersion, String... resources) {
    return "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\""
        + groupVersion
        + "\",\"resources\":["
        + String.join(",", resources)
        + "]}";
  }
}
