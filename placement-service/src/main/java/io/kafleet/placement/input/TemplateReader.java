package io.kafleet.placement.input;

import io.kafleet.placement.scheduling.TemplateRef;
import io.kafleet.schemas.ObjectKey;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Identifies a resource template as Kubernetes would: namespaced objects without a namespace go to
 * {@code default}, as with kubectl.
 */
public final class TemplateReader {

  /**
   * Cluster-scoped kinds kafleet knows without asking an API server; any other kind is taken to be
   * namespaced.
   */
  private static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "core/Namespace",
          "core/Node",
          "core/PersistentVolume",
          "apiextensions.k8s.io/CustomResourceDefinition",
          "rbac.authorization.k8s.io/ClusterRole",
          "rbac.authorization.k8s.io/ClusterRoleBinding",
          "storage.k8s.io/StorageClass",
          "scheduling.k8s.io/PriorityClass",
          "admissionregistration.k8s.io/MutatingWebhookConfiguration",
          "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
          "policy.karmada.io/ClusterPropagationPolicy",
          "policy.karmada.io/ClusterOverridePolicy");

  private TemplateReader() {}

  public static TemplateRef read(JsonNode document) {
    String apiVersion = document.path("apiVersion").asString();
    String kind = document.path("kind").asString();
    Fields metadata = Fields.of(document.get("metadata"), "metadata", kind);
    ObjectKey typeOnly = ObjectKey.of(apiVersion, kind, null, "type");
    boolean clusterScoped = CLUSTER_SCOPED.contains(typeOnly.group() + "/" + kind);
    String namespace = metadata.text("namespace");
    if (clusterScoped && namespace != null) {
      throw new InvalidInputException(
          "metadata.namespace", kind + " is cluster-scoped and takes no namespace");
    }
    ObjectKey key =
        ObjectKey.of(
            apiVersion,
            kind,
            clusterScoped ? null : KarmadaPolicyReader.defaultNamespace(namespace),
            metadata.requiredText("name"));
    return new TemplateRef(
        key, apiVersion, metadata.stringMap("labels"), WorkloadReplicas.of(key, document));
  }
}
