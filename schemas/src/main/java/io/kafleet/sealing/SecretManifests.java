package io.kafleet.sealing;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a Secret travels in a Work: its values ({@code data} and {@code stringData}) sealed for the
 * one cluster it is for, everything else (name, namespace, labels, annotations, type) readable, so
 * that explain, status and Kafka tooling still show which Secret it is. The envelope's AAD is the
 * cluster, the object key and the readable rest of the manifest: moved to another cluster or
 * object, or with its readable part changed, it does not open.
 */
public final class SecretManifests {

  /** The Secret's fields that are sealed; the rest of the manifest stays readable. */
  public static final List<String> SEALED_FIELDS = List.of("data", "stringData");

  private static final String AAD_PREFIX = "kafleet.io/sealed-secret/v1";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * @param manifest the Secret without its values
   * @param envelope its values as a JSON object, sealed
   */
  public record Sealed(String manifest, String envelope) {}

  private SecretManifests() {}

  /** Whether an object key ({@code group/Kind/namespace/name}) is a core Secret's. */
  public static boolean isSecret(String objectKey) {
    return objectKey.startsWith("core/Secret/");
  }

  public static Sealed seal(
      String manifestJson, PublicKey cluster, String clusterName, String objectKey) {
    ObjectNode manifest = object(manifestJson, "the Secret's manifest");
    ObjectNode values = JSON.createObjectNode();
    for (String field : SEALED_FIELDS) {
      JsonNode value = manifest.remove(field);
      if (value != null) {
        values.set(field, value);
      }
    }
    String readable = write(manifest);
    return new Sealed(
        readable,
        SealedSecrets.seal(write(values), cluster, aad(clusterName, objectKey, readable)));
  }

  /**
   * The whole manifest again.
   *
   * @throws SealingException when the envelope does not open for this key, cluster, object and
   *     readable manifest; the message never contains the values
   */
  public static String open(
      String manifestJson,
      String envelope,
      PrivateKey cluster,
      String clusterName,
      String objectKey) {
    ObjectNode manifest = object(manifestJson, "the Secret's manifest");
    ObjectNode values =
        object(
            SealedSecrets.open(envelope, cluster, aad(clusterName, objectKey, manifestJson)),
            "the sealed values");
    for (String field : SEALED_FIELDS) {
      if (manifest.has(field)) {
        throw new SealingException(
            "the readable part of a sealed Secret must not have " + field + " too");
      }
      if (values.has(field)) {
        manifest.set(field, values.get(field));
      }
    }
    return write(manifest);
  }

  static String aad(String clusterName, String objectKey, String readableManifest) {
    return AAD_PREFIX + "\n" + clusterName + "\n" + objectKey + "\n" + readableManifest;
  }

  private static ObjectNode object(String json, String what) {
    try {
      JsonNode node = JSON.readTree(json);
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (JacksonException e) {
      // Jackson quotes the input in its message: say only where it broke.
      String where =
          e.getLocation() == null ? "" : " (at line " + e.getLocation().getLineNr() + ")";
      throw new SealingException(what + " is not JSON" + where);
    }
    throw new SealingException(what + " is not a JSON object");
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JacksonException e) {
      throw new IllegalStateException("a JSON tree always writes", e);
    }
  }
}
