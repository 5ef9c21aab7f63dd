package io.kafleet.placement.input;

import io.kafleet.events.ConflictResolution;
import io.kafleet.placement.scheduling.ClusterAffinity;
import io.kafleet.placement.scheduling.ClusterAffinityTerm;
import io.kafleet.placement.scheduling.LabelSelector;
import io.kafleet.placement.scheduling.PlacementPolicy;
import io.kafleet.placement.scheduling.PlacementRules;
import io.kafleet.placement.scheduling.PropagationOptions;
import io.kafleet.placement.scheduling.ReplicaScheduling;
import io.kafleet.placement.scheduling.Requirement;
import io.kafleet.placement.scheduling.ResourceSelector;
import io.kafleet.schemas.ObjectKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
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
          "suspension",
          "activationPreference",
          "association",
          "preemption");
  private static final Set<String> PLACEMENT_NOT_YET = Set.of("workloadAffinity");
  static final Set<String> AFFINITY_FIELDS =
      Set.of("clusterNames", "exclude", "labelSelector", "fieldSelector");
  private static final Set<String> TERM_FIELDS =
      Set.of("affinityName", "clusterNames", "exclude", "labelSelector", "fieldSelector");

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
                    "preserveResourcesOnDeletion",
                    "failover"),
                SPEC_NOT_YET);
    List<ResourceSelector> selectors =
        spec.objects("resourceSelectors").stream().map(KarmadaPolicyReader::selector).toList();
    if (selectors.isEmpty()) {
      throw new InvalidInputException("spec.resourceSelectors", "must list at least one selector");
    }
    return new PlacementPolicy(
        ObjectKey.of(API_VERSION, kind, namespace, name),
        spec.integer("priority", 0),
        selectors,
        placement(spec.object("placement")),
        options(spec),
        FailoverFields.applicationFailover(spec));
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

  private static PlacementRules placement(Fields placement) {
    placement.allow(
        Set.of(
            "clusterAffinity",
            "clusterAffinities",
            "clusterTolerations",
            "replicaScheduling",
            "spreadConstraints"),
        PLACEMENT_NOT_YET);
    if (placement.has("clusterAffinity") && placement.has("clusterAffinities")) {
      throw new InvalidInputException(
          placement.at("clusterAffinities"), "cannot be set together with clusterAffinity");
    }
    ReplicaScheduling replicaScheduling =
        PlacementFields.replicaScheduling(placement.object("replicaScheduling"));
    return new PlacementRules(
        affinity(placement.object("clusterAffinity").allow(AFFINITY_FIELDS, Set.of())),
        affinityGroups(placement),
        PlacementFields.tolerations(placement.objects("clusterTolerations")),
        replicaScheduling,
        SpreadFields.spreadConstraints(placement, replicaScheduling));
  }

  /** {@code clusterAffinities}: ordered groups, each with a distinct {@code affinityName}. */
  private static List<ClusterAffinityTerm> affinityGroups(Fields placement) {
    List<ClusterAffinityTerm> terms = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Fields term : placement.objects("clusterAffinities")) {
      term.allow(TERM_FIELDS, Set.of());
      String name = term.requiredText("affinityName");
      if (!names.add(name)) {
        throw new InvalidInputException(
            term.at("affinityName"), "'" + name + "' names an earlier group too");
      }
      terms.add(new ClusterAffinityTerm(name, affinity(term)));
    }
    if (placement.has("clusterAffinities") && terms.isEmpty()) {
      throw new InvalidInputException(
          placement.at("clusterAffinities"), "must list at least one group");
    }
    return terms;
  }

  /** The fields of a ClusterAffinity, already allowed by the caller. */
  static ClusterAffinity affinity(Fields affinity) {
    List<Requirement> fieldSelector = new ArrayList<>();
    if (affinity.has("fieldSelector")) {
      Fields selector =
          affinity.object("fieldSelector").allow(Set.of("matchExpressions"), Set.of());
      for (Fields expression : selector.objects("matchExpressions")) {
        fieldSelector.add(requirement(expression, true));
      }
    }
    return new ClusterAffinity(
        affinity.strings("clusterNames"),
        affinity.strings("exclude"),
        affinity.has("labelSelector") ? labelSelector(affinity.object("labelSelector")) : null,
        fieldSelector);
  }

  static LabelSelector labelSelector(Fields selector) {
    selector.allow(Set.of("matchLabels", "matchExpressions"), Set.of());
    return new LabelSelector(
        selector.stringMap("matchLabels"),
        selector.objects("matchExpressions").stream()
            .map(expression -> requirement(expression, false))
            .toList());
  }

  /**
   * One {@code matchExpressions} entry, validated as Kubernetes does; a field selector's key must
   * be a cluster field Karmada selects on.
   */
  private static Requirement requirement(Fields expression, boolean clusterField) {
    expression.allow(Set.of("key", "operator", "values"), Set.of());
    String key = expression.requiredText("key");
    if (clusterField && !ClusterAffinity.FIELDS.contains(key)) {
      throw new InvalidInputException(
          expression.at("key"),
          "'" + key + "' is not a cluster field: use provider, region or zone");
    }
    String name = expression.requiredText("operator");
    Requirement.Operator operator =
        Arrays.stream(Requirement.Operator.values())
            .filter(candidate -> candidate.name().equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        expression.at("operator"),
                        "'" + name + "' is not one of In, NotIn, Exists, DoesNotExist"));
    List<String> values = expression.strings("values");
    boolean needsValues =
        operator == Requirement.Operator.In || operator == Requirement.Operator.NotIn;
    if (needsValues && values.isEmpty()) {
      throw new InvalidInputException(expression.at("values"), "must not be empty for " + name);
    }
    if (!needsValues && !values.isEmpty()) {
      throw new InvalidInputException(expression.at("values"), "must be empty for " + name);
    }
    return new Requirement(key, operator, values);
  }

  static String defaultNamespace(String namespace) {
    return namespace == null || namespace.isBlank() ? "default" : namespace;
  }
}
