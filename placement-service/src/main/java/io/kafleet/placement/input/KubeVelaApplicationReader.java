package io.kafleet.placement.input;

import io.kafleet.placement.scheduling.ClusterAffinity;
import io.kafleet.placement.scheduling.LabelSelector;
import io.kafleet.placement.scheduling.PlacementPolicy;
import io.kafleet.placement.scheduling.ResourceSelector;
import io.kafleet.schemas.ObjectKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a KubeVela {@code core.oam.dev/v1beta1} Application as a placement policy: its {@code
 * ref-objects} components select templates (by name or label selector, in the Application's
 * namespace) and its {@code topology} policy chooses the clusters. What kafleet does not support
 * yet is refused by field path.
 */
public final class KubeVelaApplicationReader {

  public static final String API_VERSION = "core.oam.dev/v1beta1";
  public static final String KIND = "Application";

  private KubeVelaApplicationReader() {}

  public static boolean isApplication(JsonNode document) {
    return API_VERSION.equals(document.path("apiVersion").asString(""))
        && KIND.equals(document.path("kind").asString(""));
  }

  public static PlacementPolicy read(JsonNode document) {
    Fields metadata = Fields.of(document.get("metadata"), "metadata", KIND);
    String namespace = KarmadaPolicyReader.defaultNamespace(metadata.text("namespace"));
    Fields spec =
        Fields.of(document.get("spec"), "spec", KIND)
            .allow(Set.of("components", "policies"), Set.of("workflow"));
    List<ResourceSelector> selectors = new ArrayList<>();
    for (Fields component : spec.objects("components")) {
      selectors.addAll(refObjects(component, namespace));
    }
    if (selectors.isEmpty()) {
      throw new InvalidInputException(
          "spec.components", "must hold at least one ref-objects object");
    }
    return new PlacementPolicy(
        ObjectKey.of(API_VERSION, KIND, namespace, metadata.requiredText("name")),
        0,
        selectors,
        topology(spec.objects("policies")));
  }

  private static List<ResourceSelector> refObjects(Fields component, String namespace) {
    component.allow(
        Set.of("name", "type", "properties"), Set.of("traits", "dependsOn", "inputs", "outputs"));
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
    return selectors;
  }

  private static ClusterAffinity topology(List<Fields> policies) {
    List<Fields> topologies = new ArrayList<>();
    for (Fields policy : policies) {
      policy.allow(Set.of("name", "type", "properties"), Set.of());
      String type = policy.requiredText("type");
      if (!type.equals("topology")) {
        throw new InvalidInputException(
            policy.at("type"), "policy type '" + type + "' is not supported yet: use topology");
      }
      topologies.add(policy);
    }
    if (topologies.size() != 1) {
      throw new InvalidInputException(
          "spec.policies", "needs exactly one topology policy, found " + topologies.size());
    }
    Fields properties =
        topologies
            .get(0)
            .object("properties")
            .allow(
                Set.of("clusters", "clusterLabelSelector"),
                Set.of("namespace", "allowEmpty", "clusterSelector"));
    return new ClusterAffinity(
        properties.strings("clusters"),
        List.of(),
        properties.has("clusterLabelSelector")
            ? new LabelSelector(properties.stringMap("clusterLabelSelector"))
            : null);
  }
}
