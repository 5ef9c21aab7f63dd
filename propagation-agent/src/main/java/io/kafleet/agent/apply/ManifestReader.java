package io.kafleet.agent.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kafleet.schemas.ObjectKey;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a work's manifest into an object to apply, refusing what the API server would misread: text
 * that is not one JSON object, a missing apiVersion, kind or name, a namespace that is not a DNS
 * label, or an object that is not the one its key names.
 */
public final class ManifestReader {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private final ObjectMapper json =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private final KubernetesSerialization serialization;

  public ManifestReader(KubernetesSerialization serialization) {
    this.serialization = serialization;
  }

  public GenericKubernetesResource read(ObjectKey key, String manifest)
      throws InvalidManifestException {
    JsonNode tree = parse(manifest);
    String apiVersion = text(tree.path("apiVersion"), "apiVersion");
    String kind = text(tree.path("kind"), "kind");
    JsonNode metadata = tree.path("metadata");
    if (!metadata.isObject()) {
      throw new InvalidManifestException("metadata is missing or not an object");
    }
    String name = text(metadata.path("name"), "metadata.name");
    String namespace =
        metadata.hasNonNull("namespace") ? metadata.get("namespace").asString("") : null;
    if (namespace != null && !namespace.isEmpty() && !DNS_LABEL.matcher(namespace).matches()) {
      throw new InvalidManifestException(
          "metadata.namespace '"
              + namespace
              + "' is not a valid namespace name (a DNS label: lower-case letters, digits, '-', 1-63)");
    }
    ObjectKey named = ObjectKey.of(apiVersion, kind, namespace, name);
    if (!named.equals(key)) {
      throw new InvalidManifestException(
          "the manifest describes " + named + " but the work's key is " + key);
    }
    try {
      // From the text: fabric8's mapper is Jackson 2 and does not take a Jackson 3 tree.
      return serialization.unmarshal(manifest, GenericKubernetesResource.class);
    } catch (IllegalArgumentException | KubernetesClientException e) {
      throw new InvalidManifestException("not a Kubernetes object: " + e.getMessage());
    }
  }

  private JsonNode parse(String manifest) throws InvalidManifestException {
    try {
      JsonNode tree = json.readTree(manifest);
      if (tree == null || !tree.isObject()) {
        throw new InvalidManifestException("the manifest is not a JSON object");
      }
      return tree;
    } catch (JacksonException e) {
      throw new InvalidManifestException(
          "the manifest is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static String text(JsonNode node, String field) throws InvalidManifestException {
    if (!node.isString() || node.asString().isBlank()) {
      throw new InvalidManifestException(field + " is missing or not a string");
    }
    return node.asString();
  }
}
