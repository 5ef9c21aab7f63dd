package io.kafleet.agent.query;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;

/**
 * What is taken out of every object before it leaves the cluster in a reply: a Secret's values
 * (data, stringData, and the copy of them kubectl keeps in the last-applied annotation), and every
 * object's managedFields, which kubectl hides too and which would only make replies larger.
 */
public final class SecretRedaction {

  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private SecretRedaction() {}

  /** Redacts the object in place and returns it. */
  public static GenericKubernetesResource redact(GenericKubernetesResource object) {
    if (object.getMetadata() != null) {
      object.getMetadata().setManagedFields(null);
    }
    if (isSecret(object)) {
      Map<String, Object> fields = object.getAdditionalProperties();
      fields.remove("data");
      fields.remove("stringData");
      if (object.getMetadata() != null && object.getMetadata().getAnnotations() != null) {
        object.getMetadata().getAnnotations().remove(LAST_APPLIED);
      }
    }
    return object;
  }

  static boolean isSecret(GenericKubernetesResource object) {
    // Without an apiVersion it still is one: better one object too many redacted.
    return "Secret".equals(object.getKind())
        && (object.getApiVersion() == null || "v1".equals(object.getApiVersion()));
  }
}
