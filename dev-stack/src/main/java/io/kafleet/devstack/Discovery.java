package io.kafleet.devstack;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the in-memory API server says it serves: a fixed set of kinds (core, apps, Istio
 * networking), their discovery documents and a version of its own.
 */
final class Discovery {

  private record Kind(
      String group, List<String> versions, String plural, String kind, boolean namespaced) {}

  private static final String ISTIO = "networking.istio.io";
  private static final List<String> ISTIO_VERSIONS = List.of("v1alpha3", "v1beta1", "v1");
  private static final String VERBS =
      "[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]";

  private static final List<Kind> KINDS =
      List.of(
          new Kind("", List.of("v1"), "namespaces", "Namespace", false),
          new Kind("", List.of("v1"), "configmaps", "ConfigMap", true),
          new Kind("", List.of("v1"), "services", "Service", true),
          new Kind("", List.of("v1"), "secrets", "Secret", true),
          new Kind("", List.of("v1"), "serviceaccounts", "ServiceAccount", true),
          new Kind("", List.of("v1"), "pods", "Pod", true),
          new Kind("", List.of("v1"), "nodes", "Node", false),
          new Kind("apps", List.of("v1"), "deployments", "Deployment", true),
          new Kind(ISTIO, ISTIO_VERSIONS, "virtualservices", "VirtualService", true),
          new Kind(ISTIO, ISTIO_VERSIONS, "destinationrules", "DestinationRule", true),
          new Kind(ISTIO, ISTIO_VERSIONS, "gateways", "Gateway", true));

  private static final Map<String, String> DOCUMENTS = documents();

  private Discovery() {}

  /** The discovery document (or version) at the path, if it is one. */
  static Optional<String> document(String path) {
    return Optional.ofNullable(DOCUMENTS.get(path));
  }

  /** The kind stored in the collection (see {@link ResourcePath#collection()}), if served. */
  static Optional<String> kind(String collection) {
    return KINDS.stream()
        .filter(kind -> (kind.group() + "/" + kind.plural()).equals(collection))
        .map(Kind::kind)
        .findFirst();
  }

  private static Map<String, String> documents() {
    Map<String, String> documents = new HashMap<>();
    // A version of its own, so that nobody mistakes it for a real API server.
    documents.put(
        "/version",
        "{\"major\":\"1\",\"minor\":\"36\",\"gitVersion\":\"v1.36.3-memory\","
            + "\"platform\":\"linux/amd64\"}");
    documents.put("/api", "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"]}");
    documents.put("/", "{\"paths\":[\"/api\",\"/api/v1\",\"/apis\",\"/version\"]}");
    Map<String, List<String>> groups = new LinkedHashMap<>();
    Map<String, List<String>> resources = new LinkedHashMap<>();
    for (Kind kind : KINDS) {
      if (!kind.group().isEmpty()) {
        groups.putIfAbsent(kind.group(), kind.versions());
      }
      for (String version : kind.versions()) {
        String groupVersion = kind.group().isEmpty() ? version : kind.group() + "/" + version;
        resources
            .computeIfAbsent(groupVersion, g -> new java.util.ArrayList<>())
            .add(resource(kind));
      }
    }
    documents.put(
        "/apis",
        "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":["
            + groups.entrySet().stream()
                .map(group -> group(group.getKey(), group.getValue()))
                .collect(Collectors.joining(","))
            + "]}");
    groups.forEach((name, versions) -> documents.put("/apis/" + name, group(name, versions)));
    resources.forEach(
        (groupVersion, listed) ->
            documents.put(
                groupVersion.contains("/") ? "/apis/" + groupVersion : "/api/" + groupVersion,
                "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\""
                    + groupVersion
                    + "\",\"resources\":["
                    + String.join(",", listed)
                    + "]}"));
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

  private static String resource(Kind kind) {
    return "{\"name\":\""
        + kind.plural()
        + "\",\"singularName\":\"\",\"namespaced\":"
        + kind.namespaced()
        + ",\"kind\":\""
        + kind.kind()
        + "\",\"verbs\":"
        + VERBS
        + "}";
  }
}
