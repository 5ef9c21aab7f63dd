package io.kafleet.cli;

import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code get} prints with {@code -o json|yaml|name}, shaped as kubectl's: objects with {@code
 * apiVersion}, {@code kind} and {@code metadata}, several of them in a {@code List}. Pure functions
 * over the API's answers.
 */
final class KubeItems {

  /** The apiVersion of kafleet's own records (member clusters), which are no Kubernetes objects. */
  static final String KAFLEET_API_VERSION = "kafleet.io/v1alpha1";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private KubeItems() {}

  /** {@code {apiVersion: v1, kind: List, items: [...]}}, as kubectl prints several. */
  static ObjectNode list(List<? extends JsonNode> items) {
    ObjectNode list = NODES.objectNode().put("apiVersion", "v1").put("kind", "List");
    list.putArray("items").addAll(items);
    return list;
  }

  /**
   * A stored template or policy, from its summary ({@code objectKey} {@code group/Kind/ns/name},
   * {@code apiVersion}, {@code generation}, {@code status}): the template's identity under {@code
   * metadata}, and under {@code status} kafleet's status of it, overall and per cluster. Labels are
   * kept when the summary carries them.
   */
  static ObjectNode template(JsonNode summary) {
    String[] key = summary.path("objectKey").asString().split("/", 4);
    ObjectNode item = NODES.objectNode();
    String group = key[0].equals("core") ? "" : key[0];
    item.put("apiVersion", summary.path("apiVersion").asString(group.isEmpty() ? "v1" : group));
    item.put("kind", key[1]);
    ObjectNode metadata = item.putObject("metadata").put("name", key[3]);
    if (!key[2].equals("_")) {
      metadata.put("namespace", key[2]);
    }
    metadata.put("generation", summary.path("generation").asLong());
    if (summary.path("labels").isObject() && !summary.path("labels").isEmpty()) {
      metadata.set("labels", summary.path("labels"));
    }
    if (summary.path("status").isObject()) {
      ObjectNode status = ((ObjectNode) summary.path("status")).deepCopy();
      status.remove("objectKey");
      item.set("status", status);
    }
    return item;
  }

  /**
   * A member cluster, from the registry's record: its labels (as its agent reports them) under
   * {@code metadata}, the fleet's admission of it under {@code spec}, its readiness and last
   * heartbeat under {@code status}.
   */
  static ObjectNode cluster(JsonNode record) {
    ObjectNode item =
        NODES.objectNode().put("apiVersion", KAFLEET_API_VERSION).put("kind", "Cluster");
    ObjectNode metadata = item.putObject("metadata").put("name", record.path("name").asString());
    JsonNode labels = record.path("lastHeartbeat").path("labels");
    if (labels.isObject() && !labels.isEmpty()) {
      metadata.set("labels", labels);
    }
    ObjectNode spec = item.putObject("spec").put("accepted", record.path("accepted").asBoolean());
    spec.set("taints", record.path("taints").isArray() ? record.path("taints") : NODES.arrayNode());
    ObjectNode status = item.putObject("status").put("ready", record.path("ready").asBoolean());
    if (record.hasNonNull("condition")) {
      status.set("condition", record.path("condition"));
    }
    status.set(
        "lastHeartbeat",
        record.path("lastHeartbeat").isObject() ? record.path("lastHeartbeat") : NODES.nullNode());
    return item;
  }

  /**
   * {@code kind.group/name}, as kubectl's {@code -o name}: {@code deployment.apps/reviews-v1},
   * {@code configmap/foo} (the core group has no suffix).
   */
  static String name(JsonNode item) {
    String apiVersion = item.path("apiVersion").asString();
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String kind = item.path("kind").asString().toLowerCase(Locale.ROOT);
    return kind
        + (group.isEmpty() ? "" : "." + group)
        + "/"
        + item.path("metadata").path("name").asString();
  }
}
