package io.kafleet.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks an object's metadata as kube-apiserver does before it stores anything: the name by the
 * kind's {@link NameRule}, the namespace as a DNS-1123 label, label keys and values, annotation
 * keys and their total size; and the same for the pod template of the workload kinds. Every
 * violation is collected, each with the path of the offending field. Pure.
 */
public final class ObjectMetaValidation {

  /** kube-apiserver's limit on the sum of the lengths of an object's annotation keys and values. */
  public static final int ANNOTATIONS_MAX_BYTES = 256 * 1024;

  /** Kinds whose {@code spec.template} is a pod template that kube-apiserver validates too. */
  private static final Set<String> POD_TEMPLATE_KINDS =
      Set.of(
          "apps/Deployment",
          "apps/StatefulSet",
          "apps/DaemonSet",
          "apps/ReplicaSet",
          "batch/Job",
          "core/ReplicationController");

  private ObjectMetaValidation() {}

  /** Every violation in the object's metadata; none when kube-apiserver would accept it. */
  public static List<Violation> validate(JsonNode object) {
    String kind = object.path("kind").asString("");
    String group = group(object.path("apiVersion").asString(""));
    List<Violation> violations = new ArrayList<>();
    JsonNode metadata = object.path("metadata");
    if (!metadata.isObject()) {
      violations.add(new Violation("metadata", "must be a mapping"));
      return violations;
    }
    checkName(metadata.get("name"), kind, NameRule.forKind(group, kind), violations);
    checkNamespace(metadata.get("namespace"), violations);
    checkLabelsAndAnnotations(metadata, "metadata", violations);
    if (POD_TEMPLATE_KINDS.contains(group + "/" + kind)) {
      JsonNode template = object.path("spec").path("template").path("metadata");
      if (template.isObject()) {
        checkLabelsAndAnnotations(template, "spec.template.metadata", violations);
      }
    }
    return violations;
  }

  /** The group of an apiVersion: {@code apps} for {@code apps/v1}, {@code core} for {@code v1}. */
  static String group(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "core" : apiVersion.substring(0, slash);
  }

  private static void checkName(JsonNode name, String kind, NameRule rule, List<Violation> out) {
    if (name == null || !name.isString() || name.asString().isEmpty()) {
      out.add(new Violation("metadata.name", "is required and must be a string"));
      return;
    }
    List<String> errors = rule.check(name.asString());
    if (!errors.isEmpty()) {
      out.add(
          new Violation(
              "metadata.name",
              "\"%s\" is not a valid %s name (%s): %s"
                  .formatted(
                      name.asString(), kind, rule.description(), String.join("; ", errors))));
    }
  }

  private static void checkNamespace(JsonNode namespace, List<Violation> out) {
    if (namespace == null || namespace.isNull()) {
      return;
    }
    if (!namespace.isString()) {
      out.add(new Violation("metadata.namespace", "must be a string"));
      return;
    }
    // An empty namespace is the default one for a namespaced kind, as with kubectl.
    if (namespace.asString().isEmpty()) {
      return;
    }
    List<String> errors = KubernetesNames.dns1123Label(namespace.asString());
    if (!errors.isEmpty()) {
      out.add(
          new Violation(
              "metadata.namespace",
              "\"%s\" is not a valid namespace: %s"
                  .formatted(namespace.asString(), String.join("; ", errors))));
    }
  }

  private static void checkLabelsAndAnnotations(
      JsonNode metadata, String path, List<Violation> out) {
    JsonNode labels = metadata.get("labels");
    if (labels != null && !labels.isNull()) {
      if (!labels.isObject()) {
        out.add(new Violation(path + ".labels", "must be a mapping of strings to strings"));
      } else {
        for (Map.Entry<String, JsonNode> label : labels.properties()) {
          checkLabel(path + ".labels", label.getKey(), label.getValue(), out);
        }
      }
    }
    JsonNode annotations = metadata.get("annotations");
    if (annotations != null && !annotations.isNull()) {
      if (!annotations.isObject()) {
        out.add(new Violation(path + ".annotations", "must be a mapping of strings to strings"));
      } else {
        checkAnnotations(path + ".annotations", annotations, out);
      }
    }
  }

  private static void checkLabel(String path, String key, JsonNode value, List<Violation> out) {
    String at = path + "[\"" + key + "\"]";
    List<String> keyErrors = KubernetesNames.qualifiedName(key);
    if (!keyErrors.isEmpty()) {
      out.add(
          new Violation(
              at,
              "label key \"%s\" is not valid: %s".formatted(key, String.join("; ", keyErrors))));
    }
    if (!value.isString()) {
      out.add(new Violation(at, "label value must be a string (quote it in YAML)"));
      return;
    }
    List<String> valueErrors = KubernetesNames.labelValue(value.asString());
    if (!valueErrors.isEmpty()) {
      out.add(
          new Violation(
              at,
              "label value \"%s\" is not valid: %s"
                  .formatted(value.asString(), String.join("; ", valueErrors))));
    }
  }

  private static void checkAnnotations(String path, JsonNode annotations, List<Violation> out) {
    long total = 0;
    for (Map.Entry<String, JsonNode> annotation : annotations.properties()) {
      String key = annotation.getKey();
      String at = path + "[\"" + key + "\"]";
      // kube-apiserver checks annotation keys in lower case: upper case letters are allowed.
      List<String> keyErrors = KubernetesNames.qualifiedName(key.toLowerCase(Locale.ROOT));
      if (!keyErrors.isEmpty()) {
        out.add(
            new Violation(
                at,
                "annotation key \"%s\" is not valid: %s"
                    .formatted(key, String.join("; ", keyErrors))));
      }
      if (!annotation.getValue().isString()) {
        out.add(new Violation(at, "annotation value must be a string (quote it in YAML)"));
        continue;
      }
      total +=
          key.getBytes(StandardCharsets.UTF_8).length
              + annotation.getValue().asString().getBytes(StandardCharsets.UTF_8).length;
    }
    if (total > ANNOTATIONS_MAX_BYTES) {
      out.add(
          new Violation(
              path,
              "annotations are %d bytes in total; kube-apiserver takes at most %d"
                  .formatted(total, ANNOTATIONS_MAX_BYTES)));
    }
  }
}
