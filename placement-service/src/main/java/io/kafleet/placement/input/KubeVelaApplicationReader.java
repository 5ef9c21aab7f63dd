package io.kafleet.placement.input;

import io.kafleet.events.ConflictResolution;
import io.kafleet.placement.overrides.JsonPointer;
import io.kafleet.placement.overrides.OverridePolicy;
import io.kafleet.placement.overrides.OverrideRule;
import io.kafleet.placement.overrides.Overrider;
import io.kafleet.placement.overrides.Overrider.Operator;
import io.kafleet.placement.scheduling.ClusterAffinity;
import io.kafleet.placement.scheduling.LabelSelector;
import io.kafleet.placement.scheduling.PlacementPolicy;
import io.kafleet.placement.scheduling.PlacementRules;
import io.kafleet.placement.scheduling.PropagationOptions;
import io.kafleet.placement.scheduling.ResourceSelector;
import io.kafleet.schemas.ObjectKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a KubeVela {@code core.oam.dev/v1beta1} Application as a placement policy: its {@code
 * ref-objects} components select templates (by name or label selector, in the Application's
 * namespace) and its {@code topology} policy chooses the clusters (and, with {@code namespace}, the
 * namespace the objects land in there).
 *
 * <p>Traits change a ref-objects component as KubeVela documents: they patch the component's main
 * object, its first referenced object. {@code override} policies change the components' traits as
 * KubeVela merges them (by trait type; {@code disable: true} drops one), and since an Application
 * without a workflow deploys its one topology with every override policy, they apply in every
 * cluster of the topology. What kafleet does not support yet is refused by field path.
 */
public final class KubeVelaApplicationReader {

  public static final String API_VERSION = "core.oam.dev/v1beta1";
  public static final String KIND = "Application";

  private static final List<String> TRAITS =
      List.of("scaler", "labels", "annotations", "json-patch", "json-merge-patch");

  /** A ref-objects component, with the object its traits patch (null when none is named). */
  private record Component(
      String name, List<ResourceSelector> objects, ResourceSelector main, String mainPath) {}

  /** A trait as written or as an override policy left it, with where it was last written. */
  private record Trait(ObjectNode properties, String field) {}

  private KubeVelaApplicationReader() {}

  public static boolean isApplication(JsonNode document) {
    return API_VERSION.equals(document.path("apiVersion").asString(""))
        && KIND.equals(document.path("kind").asString(""));
  }

  public static PlacementPolicy read(JsonNode document) {
    return submission(document).policy();
  }

  public static Submission.Policy submission(JsonNode document) {
    Fields metadata = Fields.of(document.get("metadata"), "metadata", KIND);
    String namespace = KarmadaPolicyReader.defaultNamespace(metadata.text("namespace"));
    ObjectKey id = ObjectKey.of(API_VERSION, KIND, namespace, metadata.requiredText("name"));
    Fields spec =
        Fields.of(document.get("spec"), "spec", KIND)
            .allow(Set.of("components", "policies"), Set.of("workflow"));

    List<Component> components = new ArrayList<>();
    Map<String, Map<String, Trait>> traits = new LinkedHashMap<>();
    for (Fields component : spec.objects("components")) {
      Component read = component(component, namespace);
      components.add(read);
      traits.put(read.name(), componentTraits(component));
    }
    List<ResourceSelector> selectors =
        components.stream().flatMap(component -> component.objects().stream()).toList();
    if (selectors.isEmpty()) {
      throw new InvalidInputException(
          "spec.components", "must hold at least one ref-objects object");
    }

    List<Fields> topologies = new ArrayList<>();
    for (Fields policy : spec.objects("policies")) {
      policy.allow(Set.of("name", "type", "properties"), Set.of());
      String type = policy.requiredText("type");
      switch (type) {
        case "topology" -> topologies.add(policy);
        case "override" -> override(policy, traits);
        default ->
            throw new InvalidInputException(
                policy.at("type"),
                "policy type '" + type + "' is not supported yet: use topology or override");
      }
    }
    if (topologies.size() != 1) {
      throw new InvalidInputException(
          "spec.policies", "needs exactly one topology policy, found " + topologies.size());
    }
    Fields topology =
        topologies
            .get(0)
            .object("properties")
            .allow(
                Set.of("clusters", "clusterLabelSelector", "namespace"),
                Set.of("allowEmpty", "clusterSelector"));

    List<OverridePolicy> overrides = new ArrayList<>();
    for (Component component : components) {
      List<Overrider> overriders = new ArrayList<>();
      for (Map.Entry<String, Trait> trait : traits.get(component.name()).entrySet()) {
        overriders.addAll(overriders(trait.getKey(), trait.getValue()));
      }
      if (overriders.isEmpty()) {
        continue;
      }
      if (component.main() == null) {
        throw new InvalidInputException(
            component.mainPath(),
            "traits patch the component's first object; name it (a labelSelector may select"
                + " several)");
      }
      overrides.add(
          new OverridePolicy(
              id,
              List.of(component.main()),
              List.of(new OverrideRule(Optional.empty(), overriders)),
              Optional.of(id)));
    }

    PlacementPolicy policy =
        new PlacementPolicy(
            id,
            0,
            selectors,
            PlacementRules.of(
                new ClusterAffinity(
                    topology.strings("clusters"),
                    List.of(),
                    topology.has("clusterLabelSelector")
                        ? new LabelSelector(topology.stringMap("clusterLabelSelector"))
                        : null)),
            new PropagationOptions(
                false,
                ConflictResolution.Abort,
                false,
                Optional.ofNullable(
                    topology.has("namespace") ? topology.requiredText("namespace") : null)));
    return new Submission.Policy(policy, overrides, document);
  }

  private static Component component(Fields component, String namespace) {
    component.allow(
        Set.of("name", "type", "properties", "traits"), Set.of("dependsOn", "inputs", "outputs"));
    String name = component.requiredText("name");
    String type = component.requiredText("type");
    if (!type.equals("ref-objects")) {
      throw new InvalidInputException(
          component.at("type"),
          "component type '" + type + "' is not supported yet: use ref-objects");
    }
    Fields properties = component.object("properties").allow(Set.of("objects"), Set.of("urls"));
    List<ResourceSelector> selectors = new ArrayList<>();
    for (Fields object : properties.objects("objects")) {
      object.allow(
          Set.of("apiVersion", "kind", "name", "labelSelector"),
          Set.of("namespace", "cluster", "resource"));
      if (!object.has("name") && !object.has("labelSelector")) {
        throw new InvalidInputException(object.path(), "needs a name or a labelSelector");
      }
      selectors.add(
          new ResourceSelector(
              object.requiredText("apiVersion"),
              object.requiredText("kind"),
              namespace,
              object.text("name"),
              object.has("labelSelector")
                  ? new LabelSelector(object.stringMap("labelSelector"))
                  : null));
    }
    ResourceSelector first = selectors.isEmpty() ? null : selectors.get(0);
    return new Component(
        name,
        selectors,
        first == null || first.name() == null ? null : first,
        properties.at("objects") + "[0]");
  }

  private static Map<String, Trait> componentTraits(Fields component) {
    Map<String, Trait> traits = new LinkedHashMap<>();
    for (Fields trait : component.objects("traits")) {
      trait.allow(Set.of("type", "properties"), Set.of());
      String type = trait.requiredText("type");
      if (traits.containsKey(type)) {
        throw new InvalidInputException(trait.at("type"), "trait " + type + " appears twice");
      }
      traits.put(type, new Trait(properties(trait), trait.path()));
    }
    return traits;
  }

  /** Merges an override policy into the components' traits, as KubeVela merges them. */
  private static void override(Fields policy, Map<String, Map<String, Trait>> traits) {
    Fields properties = policy.object("properties").allow(Set.of("components"), Set.of("selector"));
    for (Fields patch : properties.objects("components")) {
      if (patch.has("properties")) {
        throw new InvalidInputException(
            patch.at("properties"),
            "is not supported for ref-objects components, whose properties only name the objects"
                + " they place: change those objects with traits ("
                + String.join(", ", TRAITS)
                + ")");
      }
      patch.allow(Set.of("name", "type", "traits"), Set.of());
      String type = patch.text("type");
      if (type != null && !type.equals("ref-objects")) {
        throw new InvalidInputException(
            patch.at("type"),
            "'" + type + "' is not a component type of this Application (only ref-objects)");
      }
      String name = patch.text("name");
      List<String> matched =
          traits.keySet().stream()
              .filter(component -> name == null || namePattern(name).matcher(component).matches())
              .toList();
      if (matched.isEmpty()) {
        throw new InvalidInputException(
            patch.at("name"), "'" + name + "' matches no component of the Application");
      }
      for (Fields trait : patch.objects("traits")) {
        trait.allow(Set.of("type", "properties", "disable"), Set.of());
        String traitType = trait.requiredText("type");
        boolean disable = trait.bool("disable", false);
        for (String component : matched) {
          Map<String, Trait> current = traits.get(component);
          if (disable) {
            current.remove(traitType);
          } else if (current.containsKey(traitType)) {
            ObjectNode merged = current.get(traitType).properties().deepCopy();
            Overrider.MergePatch.merge(merged, properties(trait));
            current.put(traitType, new Trait(merged, trait.path()));
          } else {
            current.put(traitType, new Trait(properties(trait), trait.path()));
          }
        }
      }
    }
  }

  /** KubeVela matches override component names as patterns where {@code *} is any text. */
  private static Pattern namePattern(String name) {
    StringBuilder regex = new StringBuilder();
    for (String part : name.split("\\*", -1)) {
      if (regex.length() > 0 || name.startsWith("*")) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }

  private static ObjectNode properties(Fields trait) {
    return ((ObjectNode) trait.object("properties").node()).deepCopy();
  }

  private static List<Overrider> overriders(String type, Trait trait) {
    Fields properties = Fields.of(trait.properties(), trait.field() + ".properties", KIND);
    return switch (type) {
      case "scaler" -> List.of(scaler(properties));
      case "labels", "annotations" -> List.of(metadata(properties, type));
      case "json-patch" -> jsonPatch(properties);
      case "json-merge-patch" -> List.of(mergePatch(properties));
      default ->
          throw new InvalidInputException(
              trait.field() + ".type",
              "trait type '" + type + "' is not supported yet: use " + String.join(", ", TRAITS));
    };
  }

  private static Overrider scaler(Fields properties) {
    properties.allow(Set.of("replicas"), Set.of());
    int replicas = properties.integer("replicas", 1);
    if (replicas < 0) {
      throw new InvalidInputException(properties.at("replicas"), "must not be negative");
    }
    return new Overrider.JsonPatch(
        properties.path(),
        Operator.add,
        JsonPointer.of("spec", "replicas"),
        JsonNodeFactory.instance.numberNode(replicas));
  }

  private static Overrider metadata(Fields properties, String map) {
    for (String key : properties.node().propertyNames()) {
      JsonNode value = properties.node().get(key);
      if (!value.isString() && !value.isNull()) {
        throw new InvalidInputException(
            properties.at(key), "must be a string, or null to remove the key");
      }
    }
    return new Overrider.WorkloadMetadata(
        properties.path(), map, ((ObjectNode) properties.node()).deepCopy());
  }

  private static List<Overrider> jsonPatch(Fields properties) {
    properties.allow(Set.of("operations"), Set.of());
    List<Overrider> operations = new ArrayList<>();
    for (Fields operation : properties.objects("operations")) {
      operation.allow(Set.of("op", "path", "value"), Set.of("from"));
      String op = operation.requiredText("op");
      if (List.of("move", "copy", "test").contains(op)) {
        throw new InvalidInputException(
            operation.at("op"), "'" + op + "' is not supported yet: use add, remove or replace");
      }
      operations.add(
          KarmadaOverridePolicyReader.jsonPatch(
              operation,
              KarmadaOverridePolicyReader.operator(
                  operation, "op", List.of("add", "remove", "replace"))));
    }
    if (operations.isEmpty()) {
      throw new InvalidInputException(properties.at("operations"), "must list an operation");
    }
    return operations;
  }

  private static Overrider mergePatch(Fields properties) {
    JsonNode patch = properties.node();
    for (String identity : List.of("apiVersion", "kind")) {
      if (patch.has(identity)) {
        throw new InvalidInputException(
            properties.at(identity), "identifies the object; kafleet keys works by it");
      }
    }
    for (String identity : List.of("name", "namespace")) {
      if (patch.path("metadata").has(identity)) {
        throw new InvalidInputException(
            properties.at("metadata." + identity),
            "identifies the object; kafleet keys works by it");
      }
    }
    return new Overrider.MergePatch(properties.path(), ((ObjectNode) patch).deepCopy());
  }
}
