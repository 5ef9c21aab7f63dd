package io.kafleet.devstack;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The in-memory member cluster's API server: the handful of requests a client such as the agent,
 * kubectl or an informer makes, answered from an {@link ObjectStore}. Gets, lists (label and field
 * selectors), watches (web sockets, resuming from a resource version), creates, replaces, deletes,
 * server-side apply (stored as a create or a replace of the applied object: no field ownership,
 * conflicts or validation), JSON merge patch (strategic merge patch treated as one) and JSON patch;
 * discovery answers a fixed set of kinds (core, apps, Istio networking). Nothing runs behind it: no
 * controllers, admission, finalizers, paging or status subresources.
 */
final class InMemoryApiServer extends Dispatcher {

  private final ObjectStore store = new ObjectStore(ObjectStore.DEFAULT_HISTORY);

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String target = request.getPath();
    int query = target.indexOf('?');
    String path = query < 0 ? target : target.substring(0, query);
    Map<String, String> parameters = query < 0 ? Map.of() : parameters(target.substring(query + 1));
    try {
      Optional<String> document = Discovery.document(path);
      if (document.isPresent()) {
        return json(200, document.get());
      }
      Optional<ResourcePath> resource = ResourcePath.parse(path);
      if (resource.isEmpty() || resource.get().subresource() != null) {
        return status(404, "NotFound", "the in-memory API server does not serve " + path);
      }
      return handle(request, resource.get(), parameters);
    } catch (IllegalArgumentException e) {
      return status(400, "BadRequest", e.getMessage());
    }
  }

  private MockResponse handle(
      RecordedRequest request, ResourcePath resource, Map<String, String> parameters) {
    boolean one = resource.name() != null;
    return switch (request.method()) {
      case GET ->
          one
              ? found(
                  resource, store.get(resource.collection(), resource.namespace(), resource.name()))
              : "true".equals(parameters.get("watch"))
                  ? watch(resource, parameters)
                  : list(resource, parameters);
      case POST -> one ? notAllowed(request) : create(resource, body(request), parameters);
      case PUT -> one ? replace(resource, body(request), parameters) : notAllowed(request);
      case PATCH -> one ? patch(resource, request, parameters) : notAllowed(request);
      case DELETE -> one ? delete(resource) : deleteAll(resource, parameters);
      default -> notAllowed(request);
    };
  }

  private MockResponse list(ResourcePath resource, Map<String, String> parameters) {
    ObjectStore.Listing listing =
        store.list(resource.collection(), resource.namespace(), selector(parameters));
    return json(200, listJson(resource, listing.resourceVersion(), listing.items()));
  }

  private MockResponse watch(ResourcePath resource, Map<String, String> parameters) {
    String since = parameters.get("resourceVersion");
    ObjectStore.Watch[] watch = new ObjectStore.Watch[1];
    WatchStream stream = new WatchStream(() -> store.unwatch(watch[0]));
    watch[0] =
        store.watch(
            resource.collection(),
            resource.namespace(),
            selector(parameters),
            since == null || since.isEmpty() ? null : Long.parseLong(since),
            stream);
    return new MockResponse().withWebSocketUpgrade(stream);
  }

  private MockResponse create(
      ResourcePath resource, ObjectNode object, Map<String, String> parameters) {
    JsonNode metadata = object.path("metadata");
    String name = metadata.path("name").asString("");
    if (name.isEmpty() && metadata.hasNonNull("generateName")) {
      name = metadata.get("generateName").asString() + UUID.randomUUID().toString().substring(0, 5);
    }
    if (name.isEmpty()) {
      return status(422, "Invalid", "metadata.name: Required value");
    }
    if (store.get(resource.collection(), resource.namespace(), name) != null) {
      return status(409, "AlreadyExists", resource.plural() + " \"" + name + "\" already exists");
    }
    return write(201, resource, name, object, parameters);
  }

  private MockResponse replace(
      ResourcePath resource, ObjectNode object, Map<String, String> parameters) {
    ObjectStore.Stored existing =
        store.get(resource.collection(), resource.namespace(), resource.name());
    if (existing == null) {
      return notFound(resource);
    }
    String version = object.path("metadata").path("resourceVersion").asString("");
    if (!version.isEmpty() && !version.equals(String.valueOf(existing.resourceVersion()))) {
      return status(
          409,
          "Conflict",
          "Operation cannot be fulfilled on "
              + resource.plural()
              + " \""
              + resource.name()
              + "\": the object has been modified; please apply your changes to the latest"
              + " version and try again");
    }
    return write(200, resource, resource.name(), object, parameters);
  }

  private MockResponse patch(
      ResourcePath resource, RecordedRequest request, Map<String, String> parameters) {
    String type = String.valueOf(request.getHeader("Content-Type"));
    if (type.contains("apply-patch")) {
      boolean exists =
          store.get(resource.collection(), resource.namespace(), resource.name()) != null;
      return write(exists ? 200 : 201, resource, resource.name(), body(request), parameters);
    }
    ObjectStore.Stored existing =
        store.get(resource.collection(), resource.namespace(), resource.name());
    if (existing == null) {
      return notFound(resource);
    }
    JsonNode current = ObjectStore.read(existing.json());
    JsonNode patched;
    if (type.contains("json-patch")) {
      patched = JsonPatches.apply(request.getUtf8Body(), current);
    } else if (type.contains("merge-patch")) {
      patched = merge(current, ObjectStore.read(request.getUtf8Body()));
    } else {
      return status(415, "UnsupportedMediaType", "unsupported patch type " + type);
    }
    if (!(patched instanceof ObjectNode object)) {
      return status(422, "Invalid", "the patched object is not a JSON object");
    }
    return write(200, resource, resource.name(), object, parameters);
  }

  private MockResponse write(
      int code,
      ResourcePath resource,
      String name,
      ObjectNode object,
      Map<String, String> parameters) {
    if (parameters.containsKey("dryRun")) {
      return json(code, ObjectStore.write(object));
    }
    if (!object.hasNonNull("apiVersion")) {
      object.put("apiVersion", resource.apiVersion());
    }
    if (!object.hasNonNull("kind")) {
      Discovery.kind(resource.collection()).ifPresent(kind -> object.put("kind", kind));
    }
    return json(code, store.put(resource.collection(), resource.namespace(), name, object).json());
  }

  private MockResponse delete(ResourcePath resource) {
    ObjectStore.Stored gone =
        store.remove(resource.collection(), resource.namespace(), resource.name());
    return gone == null ? notFound(resource) : json(200, gone.json());
  }

  private MockResponse deleteAll(ResourcePath resource, Map<String, String> parameters) {
    ObjectStore.Listing listing =
        store.list(resource.collection(), resource.namespace(), selector(parameters));
    List<ObjectStore.Stored> gone =
        listing.items().stream()
            .map(item -> store.remove(item.collection(), item.namespace(), item.name()))
            .filter(item -> item != null)
            .toList();
    return json(200, listJson(resource, listing.resourceVersion(), gone));
  }

  /** RFC 7386: objects merge field by field, null removes, anything else replaces. */
  static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!(patch instanceof ObjectNode patchObject)) {
      return patch;
    }
    ObjectNode result =
        target instanceof ObjectNode object ? object.deepCopy() : patchObject.objectNode();
    for (Map.Entry<String, JsonNode> field : patchObject.properties()) {
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }

  private static ObjectNode body(RecordedRequest request) {
    String body = request.getUtf8Body();
    String trimmed = body.stripLeading();
    if (trimmed.startsWith("{")) {
      return ObjectStore.read(body);
    }
    // YAML (kubectl may send it): through fabric8's reader, which understands both.
    return ObjectStore.read(
        Serialization.asJson(Serialization.unmarshal(body, GenericKubernetesResource.class)));
  }

  private static Selector selector(Map<String, String> parameters) {
    return Selector.parse(parameters.get("labelSelector"), parameters.get("fieldSelector"));
  }

  private static String listJson(
      ResourcePath resource, long resourceVersion, List<ObjectStore.Stored> items) {
    return "{\"kind\":\""
        + Discovery.kind(resource.collection()).map(kind -> kind + "List").orElse("List")
        + "\",\"apiVersion\":\""
        + resource.apiVersion()
        + "\",\"metadata\":{\"resourceVersion\":\""
        + resourceVersion
        + "\"},\"items\":["
        + items.stream().map(ObjectStore.Stored::json).collect(Collectors.joining(","))
        + "]}";
  }

  private static MockResponse found(ResourcePath resource, ObjectStore.Stored object) {
    return object == null ? notFound(resource) : json(200, object.json());
  }

  private static MockResponse notFound(ResourcePath resource) {
    return status(404, "NotFound", resource.plural() + " \"" + resource.name() + "\" not found");
  }

  private static MockResponse notAllowed(RecordedRequest request) {
    return status(
        405, "MethodNotAllowed", request.getMethod() + " is not supported on " + request.getPath());
  }

  private static MockResponse status(int code, String reason, String message) {
    ObjectNode status = ObjectStore.read("{\"kind\":\"Status\",\"apiVersion\":\"v1\"}");
    status.putObject("metadata");
    status.put("status", "Failure");
    status.put("message", message);
    status.put("reason", reason);
    status.put("code", code);
    return json(code, ObjectStore.write(status));
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private static Map<String, String> parameters(String query) {
    Map<String, String> parameters = new HashMap<>();
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters.put(decode(key), decode(value));
    }
    return parameters;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
