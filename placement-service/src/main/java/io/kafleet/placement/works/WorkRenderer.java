package io.kafleet.placement.works;

import io.kafleet.events.ConflictResolution;
import io.kafleet.placement.scheduling.PropagationOptions;
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
 * Renders a template into the manifest one cluster receives: every field as written (overrides
 * applied), the namespace made explicit for namespaced objects, in canonical JSON (object fields
 * sorted) so that equal content always has the same hash, and a restart re-emits nothing that did
 * not change.
 */
public final class WorkRenderer {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private WorkRenderer() {}

  /** The template as it is placed, with no override and no option. */
  public static RenderedWork render(
      JsonNode template, TemplateRef ref, String cluster, Optional<ObjectKey> policy) {
    return render(
        prepare(template, ref.key()),
        ref.key(),
        ref.apiVersion(),
        cluster,
        policy,
        PropagationOptions.DEFAULT);
  }

  /**
   * A copy of the template to override for one cluster, in the namespace it lands in there.
   *
   * @param key the object's key in the cluster
   */
  static ObjectNode prepare(JsonNode template, ObjectKey key) {
    ObjectNode copy = (ObjectNode) template.deepCopy();
    if (!key.clusterScoped()) {
      ((ObjectNode) copy.get("metadata")).put("namespace", key.namespace());
    }
    return copy;
  }

  /**
   * @param manifest the prepared, overridden copy
   */
  static RenderedWork render(
      ObjectNode manifest,
      ObjectKey key,
      String apiVersion,
      String cluster,
      Optional<ObjectKey> policy,
      PropagationOptions options) {
    String json = JSON.writeValueAsString(canonical(manifest));
    return new RenderedWork(
        cluster,
        key,
        apiVersion,
        json,
        sha256(json + agentOptions(options)),
        policy,
        options.conflictResolution(),
        options.preserveResourcesOnDeletion());
  }

  /**
   * What the hash adds for the agent's options: nothing for the defaults, so that works without
   * options keep the hash of their manifest alone.
   */
  private static String agentOptions(PropagationOptions options) {
    if (options.conflictResolution() == ConflictResolution.Abort
        && !options.preserveResourcesOnDeletion()) {
      return "";
    }
    return "\nconflictResolution="
        + options.conflictResolution()
        + "\npreserveOnDeletion="
        + options.preserveResourcesOnDeletion();
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
