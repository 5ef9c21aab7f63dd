package io.kafleet.placement.works;

import io.kafleet.placement.scheduling.TemplateRef;
import io.kafleet.schemas.ObjectKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a template into the manifest one cluster receives: every field as written, the namespace
 * made explicit for namespaced objects, in canonical JSON (object fields sorted) so that equal
 * content always has the same hash, and a restart re-emits nothing that did not change.
 */
public final class WorkRenderer {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private WorkRenderer() {}

  public static RenderedWork render(
      JsonNode template, TemplateRef ref, String cluster, Optional<ObjectKey> policy) {
    ObjectNode manifest = (ObjectNode) canonical(template);
    if (!ref.key().clusterScoped()) {
      ((ObjectNode) manifest.get("metadata")).put("namespace", ref.key().namespace());
      manifest.set("metadata", canonical(manifest.get("metadata")));
    }
    String json = JSON.writeValueAsString(manifest);
    return new RenderedWork(cluster, ref.key(), ref.apiVersion(), json, sha256(json), policy);
  }

  private static JsonNode canonical(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      node.properties().forEach(entry -> sorted.put(entry.getKey(), canonical(entry.getValue())));
      ObjectNode copy = JSON.createObjectNode();
      sorted.forEach(copy::set);
      return copy;
    }
    if (node.isArray()) {
      var copy = JSON.createArrayNode();
      node.forEach(element -> copy.add(canonical(element)));
      return copy;
    }
    return node;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
