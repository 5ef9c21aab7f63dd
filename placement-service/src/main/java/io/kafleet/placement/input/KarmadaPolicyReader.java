package io.kafleet.placement.input;

import io.kafleet.events.ConflictResolution;
import io.kafleet.placement.scheduling.ClusterAffinity;
import io.kafleet.placement.scheduling.LabelSelector;
import io.kafleet.placement.scheduling.PlacementPolicy;
import io.kafleet.placement.scheduling.PropagationOptions;
import io.kafleet.placement.scheduling.ResourceSelector;
import io.kafleet.schemas.ObjectKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads Karmada {@code policy.karmada.io/v1alpha1} PropagationPolicy and ClusterPropagationPolicy
 * objects as users write them. Fields kafleet does not support yet are refused by name.
 */
public final class KarmadaPolicyReader {

  public static final String API_VERSION = "policy.karmada.io/v1alpha1";
  public static final Set<String> KINDS = Set.of("PropagationPolicy", "ClusterPropagationPolicy");

  private static final Set<String> SPEC_NOT_YET =
      Set.of(
          "dependentOverrides",
          "schedulerName",
          "failover",
          "suspension",
          "activationPreference",
          "association",
          "preemption");
  private static final Set<String> PLACEMENT_NOT_YET =
      Set.of("clusterAffinities", "clusterTolerations", "replicaScheduling", "spreadConstraints");
  private static final Set<String> AFFINITY_NOT_YET = Set.of("fieldSelector");
  private static final Set<String> LABEL_SELECTOR_NOT_YET = Set.of("matchExpressions");

  private KarmadaPolicyReader() {}

  public static boolean isKarmadaPolicy(JsonNode document) {
    return API_VERSION.equals(document.path("apiVersion").asString(""))
        && KINDS.contains(document.path("kind").asString(""));
  }

  public static PlacementPolicy read(JsonNode document) {
    String kind = document.path("kind").asString("");
    Fields metadata = Fields.of(document.get("metadata"), "metadata", kind);
    String name = metadata.requiredText("name");
    boolean namespaced = kind.equals("PropagationPolicy");
    String namespace = namespaced ? defaultNamespace(metadata.text("namespace")) : null;

    Fields spec =
        Fields.of(document.get("spec"), "spec", kind)
            .allow(
                Set.of(
                    "resourceSelectors",
                    "placement",
                    "priority",
                    "propagateDeps",
                    "conflictResolution",
                    "preserveResourcesOnDeletion"),
                SPEC_NOT_YET);
    List<ResourceSelector> selectors =
        spec.objects("resourceSelectors").stream().map(KarmadaPolicyReader::selector).toList();
    if (selectors.isEmpty()) {
      throw new InvalidInputException("spec.resourceSelectors", "must list at least one selector");
    }
    Fields placement = spec.object("placement").allow(Set.of("clusterAffinity"), PLACEMENT_NOT_YET);
    return new PlacementPolicy(
        ObjectKey.of(API_VERSION, kind, namespace, name),
        spec.integer("priority", 0),
        selectors,
        affinity(placement.object("clusterAffinity")),
        options(spec));
  }

  private static PropagationOptions options(Fields spec) {
    String conflictResolution = spec.oneOf("conflictResolution", List.of("Abort", "Overwrite"));
    return new PropagationOptions(
        spec.bool("propagateDeps", false),
        conflictResolution == null
            ? ConflictResolution.Abort
            : ConflictResolution.valueOf(conflictResolution),
        spec.bool("preserveResourcesOnDeletion", false),
        Optional.empty());
  }

  static ResourceSelector selector(Fields selector) {
    selector.allow(Set.of("apiVersion", "kind", "namespace", "name", "labelSelector"), Set.of());
    return new ResourceSelector(
        selector.requiredText("apiVersion"),
        selector.requiredText("kind"),
        selector.text("namespace"),
        selector.text("name"),
        selector.has("labelSelector") ? labelSelector(selector.object("labelSelector")) : null);
  }

  private static ClusterAffinity affinity(Fields affinity) {
    affinity.allow(Set.of("clusterNames", "exclude", "labelSelector"), AFFINITY_NOT_YET);
    return new ClusterAffinity(
        affinity.strings("clusterNames"),
        affinity.strings("exclude"),
        affinity.has("labelSelector") ? labelSelector(affinity.object("labelSelector")) : null);
  }

  static LabelSelector labelSelector(Fields selector) {
    selector.allow(Set.of("matchLabels"), LABEL_SELECTOR_NOT_YET);
    return new LabelSelector(selector.stringMap("matchLabels"));
  }

  static String defaultNamespace(String namespace) {
    return namespace == null || namespace.isBlank() ? "default" : namespace;
  }
}
