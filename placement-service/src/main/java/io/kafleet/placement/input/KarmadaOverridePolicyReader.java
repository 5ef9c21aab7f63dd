package io.kafleet.placement.input;

import io.kafleet.placement.overrides.JsonPointer;
import io.kafleet.placement.overrides.OverridePolicy;
import io.kafleet.placement.overrides.OverrideRule;
import io.kafleet.placement.overrides.Overrider;
import io.kafleet.placement.overrides.Overrider.Operator;
import io.kafleet.placement.overrides.TargetCluster;
import io.kafleet.placement.scheduling.ResourceSelector;
import io.kafleet.schemas.ObjectKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads Karmada {@code policy.karmada.io/v1alpha1} OverridePolicy and ClusterOverridePolicy
 * objects: {@code overrideRules} (or the deprecated top-level {@code targetCluster} + {@code
 * overriders}, read as one rule, as Karmada does). Every operator and path that can be checked
 * without a template is checked here; what depends on the template is checked when works are
 * rendered.
 */
public final class KarmadaOverridePolicyReader {

  public static final Set<String> KINDS = Set.of("OverridePolicy", "ClusterOverridePolicy");

  private static final Set<String> OVERRIDERS =
      Set.of(
          "plaintext",
          "imageOverrider",
          "commandOverrider",
          "argsOverrider",
          "labelsOverrider",
          "annotationsOverrider");

  /** Fields that make a work another object; works are keyed by them. */
  static final Set<String> IDENTITY_PATHS =
      Set.of("", "/kind", "/apiVersion", "/metadata", "/metadata/name", "/metadata/namespace");

  private KarmadaOverridePolicyReader() {}

  public static boolean isOverridePolicy(JsonNode document) {
    return KarmadaPolicyReader.API_VERSION.equals(document.path("apiVersion").asString(""))
        && KINDS.contains(document.path("kind").asString(""));
  }

  public static OverridePolicy read(JsonNode document) {
    String kind = document.path("kind").asString("");
    Fields metadata = Fields.of(document.get("metadata"), "metadata", kind);
    String name = metadata.requiredText("name");
    String namespace =
        kind.equals("OverridePolicy")
            ? KarmadaPolicyReader.defaultNamespace(metadata.text("namespace"))
            : null;
    Fields spec =
        Fields.of(document.get("spec"), "spec", kind)
            .allow(
                Set.of("resourceSelectors", "overrideRules", "targetCluster", "overriders"),
                Set.of());
    List<ResourceSelector> selectors =
        spec.objects("resourceSelectors").stream().map(KarmadaPolicyReader::selector).toList();
    return new OverridePolicy(
        ObjectKey.of(KarmadaPolicyReader.API_VERSION, kind, namespace, name),
        selectors,
        rules(spec),
        Optional.empty());
  }

  private static List<OverrideRule> rules(Fields spec) {
    boolean deprecatedForm = spec.has("targetCluster") || spec.has("overriders");
    if (spec.has("overrideRules")) {
      if (deprecatedForm) {
        throw new InvalidInputException(
            spec.has("overriders") ? "spec.overriders" : "spec.targetCluster",
            "cannot be used together with spec.overrideRules (it is their deprecated form)");
      }
      List<OverrideRule> rules = new ArrayList<>();
      for (Fields rule : spec.objects("overrideRules")) {
        rule.allow(Set.of("targetCluster", "overriders"), Set.of());
        rules.add(rule(rule));
      }
      return rules;
    }
    if (!deprecatedForm) {
      throw new InvalidInputException("spec.overrideRules", "must list at least one rule");
    }
    return List.of(rule(spec));
  }

  private static OverrideRule rule(Fields rule) {
    if (!rule.has("overriders")) {
      throw new InvalidInputException(rule.at("overriders"), "is required");
    }
    return new OverrideRule(
        rule.has("targetCluster")
            ? Optional.of(targetCluster(rule.object("targetCluster")))
            : Optional.empty(),
        overriders(rule.object("overriders")));
  }

  private static TargetCluster targetCluster(Fields target) {
    target.allow(Set.of("clusterNames", "exclude", "labelSelector"), Set.of("fieldSelector"));
    return new TargetCluster(
        target.strings("clusterNames"),
        target.strings("exclude"),
        target.has("labelSelector")
            ? KarmadaPolicyReader.labelSelector(target.object("labelSelector"))
            : null);
  }

  /** In the order Karmada applies them. */
  private static List<Overrider> overriders(Fields overriders) {
    overriders.allow(OVERRIDERS, Set.of("fieldOverrider"));
    List<Overrider> result = new ArrayList<>();
    for (Fields image : overriders.objects("imageOverrider")) {
      result.add(image(image));
    }
    for (Fields command : overriders.objects("commandOverrider")) {
      result.add(commandArgs(command, "command"));
    }
    for (Fields args : overriders.objects("argsOverrider")) {
      result.add(commandArgs(args, "args"));
    }
    for (Fields labels : overriders.objects("labelsOverrider")) {
      result.add(metadataMap(labels, "labels"));
    }
    for (Fields annotations : overriders.objects("annotationsOverrider")) {
      result.add(metadataMap(annotations, "annotations"));
    }
    for (Fields plaintext : overriders.objects("plaintext")) {
      result.add(plaintext(plaintext));
    }
    if (result.isEmpty()) {
      throw new InvalidInputException(overriders.path(), "must hold at least one overrider");
    }
    return result;
  }

  static Overrider.JsonPatch plaintext(Fields plaintext) {
    plaintext.allow(Set.of("path", "operator", "value"), Set.of());
    return jsonPatch(
        plaintext, operator(plaintext, "operator", List.of("add", "remove", "replace")));
  }

  /** One RFC 6902 operation, with its path refused when it would make the work another object. */
  static Overrider.JsonPatch jsonPatch(Fields operation, Operator operator) {
    JsonPointer path = pointer(operation, "path");
    if (IDENTITY_PATHS.contains(path.text())) {
      throw new InvalidInputException(
          operation.at("path"),
          path.text().isEmpty()
              ? "must point below the object's root"
              : path.text()
                  + " identifies the object; kafleet keys works by it and cannot change it");
    }
    JsonNode value = operation.value("value");
    if (operator == Operator.remove && value != null) {
      throw new InvalidInputException(operation.at("value"), "remove takes no value");
    }
    if (operator != Operator.remove && value == null) {
      throw new InvalidInputException(operation.at("value"), operator + " needs a value");
    }
    return new Overrider.JsonPatch(operation.path(), operator, path, value);
  }

  private static Overrider image(Fields image) {
    image.allow(Set.of("component", "operator", "value", "predicate"), Set.of());
    String component = image.oneOf("component", List.of("Registry", "Repository", "Tag"));
    if (component == null) {
      throw new InvalidInputException(image.at("component"), "is required");
    }
    Operator operator = operator(image, "operator", List.of("add", "remove", "replace"));
    String value = image.text("value");
    if (operator != Operator.remove && (value == null || value.isEmpty())) {
      throw new InvalidInputException(image.at("value"), operator + " needs a value");
    }
    if (operator == Operator.remove && component.equals("Repository")) {
      throw new InvalidInputException(
          image.at("operator"), "removing the Repository would leave no image");
    }
    JsonPointer predicate = null;
    if (image.has("predicate")) {
      Fields fields = image.object("predicate").allow(Set.of("path"), Set.of());
      predicate = pointer(fields, "path");
    }
    return new Overrider.Image(
        image.path(),
        Overrider.Image.Component.valueOf(component),
        operator,
        value == null ? "" : value,
        predicate);
  }

  private static Overrider commandArgs(Fields overrider, String target) {
    overrider.allow(Set.of("containerName", "operator", "value"), Set.of());
    return new Overrider.CommandArgs(
        overrider.path(),
        target,
        overrider.requiredText("containerName"),
        operator(overrider, "operator", List.of("add", "remove")),
        overrider.strings("value"));
  }

  private static Overrider metadataMap(Fields overrider, String map) {
    overrider.allow(Set.of("operator", "value"), Set.of());
    Map<String, String> values = new LinkedHashMap<>();
    Fields value = overrider.object("value");
    for (String key : value.node().propertyNames()) {
      String text = value.text(key);
      if (text == null) {
        throw new InvalidInputException(value.at(key), "must be a string");
      }
      values.put(key, text);
    }
    return new Overrider.MetadataMap(
        overrider.path(),
        map,
        operator(overrider, "operator", List.of("add", "remove", "replace")),
        values);
  }

  static Operator operator(Fields fields, String name, List<String> allowed) {
    String operator = fields.oneOf(name, allowed);
    if (operator == null) {
      throw new InvalidInputException(fields.at(name), "is required");
    }
    return Operator.valueOf(operator);
  }

  private static JsonPointer pointer(Fields fields, String name) {
    String text = fields.requiredText(name);
    JsonPointer pointer = JsonPointer.parse(text);
    if (pointer == null) {
      throw new InvalidInputException(
          fields.at(name), "'" + text + "' is not a JSON pointer (it must start with /)");
    }
    return pointer;
  }
}
