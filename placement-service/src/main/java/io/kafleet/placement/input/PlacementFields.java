package io.kafleet.placement.input;

import io.kafleet.placement.scheduling.ReplicaScheduling;
import io.kafleet.placement.scheduling.StaticWeight;
import io.kafleet.placement.scheduling.Taint;
import io.kafleet.placement.scheduling.Toleration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The parts of a Karmada {@code spec.placement} beyond cluster affinity: {@code clusterTolerations}
 * and {@code replicaScheduling}, validated as Karmada's webhook does.
 */
final class PlacementFields {

  private PlacementFields() {}

  static List<Toleration> tolerations(List<Fields> entries) {
    List<Toleration> tolerations = new ArrayList<>();
    for (Fields entry : entries) {
      entry.allow(Set.of("key", "operator", "value", "effect", "tolerationSeconds"), Set.of());
      String key = entry.text("key");
      String operatorName = entry.text("operator");
      Toleration.Operator operator;
      if (operatorName == null || operatorName.isEmpty() || operatorName.equals("Equal")) {
        operator = Toleration.Operator.Equal;
      } else if (operatorName.equals("Exists")) {
        operator = Toleration.Operator.Exists;
      } else {
        throw new InvalidInputException(
            entry.at("operator"), "'" + operatorName + "' is not Equal or Exists");
      }
      String value = entry.text("value");
      if ((key == null || key.isEmpty()) && operator != Toleration.Operator.Exists) {
        throw new InvalidInputException(entry.at("operator"), "must be Exists when key is empty");
      }
      if (operator == Toleration.Operator.Exists && value != null && !value.isEmpty()) {
        throw new InvalidInputException(entry.at("value"), "must be empty when operator is Exists");
      }
      Taint.Effect effect = effect(entry);
      Long seconds = null;
      if (entry.has("tolerationSeconds")) {
        // As Kubernetes validates a pod's toleration.
        if (effect != Taint.Effect.NoExecute) {
          throw new InvalidInputException(
              entry.at("tolerationSeconds"), "applies to effect NoExecute only: set effect too");
        }
        seconds = (long) entry.integer("tolerationSeconds", 0);
      }
      tolerations.add(new Toleration(key, operator, value, effect, seconds));
    }
    return tolerations;
  }

  /** Null, for every effect, when not set. */
  private static Taint.Effect effect(Fields toleration) {
    String effect = toleration.text("effect");
    if (effect == null || effect.isEmpty()) {
      return null;
    }
    for (Taint.Effect candidate : Taint.Effect.values()) {
      if (candidate.name().equals(effect)) {
        return candidate;
      }
    }
    throw new InvalidInputException(
        toleration.at("effect"),
        "'"
            + effect
            + "' is not a taint effect of Karmada clusters: use NoSchedule or NoExecute, or leave"
            + " it out for both");
  }

  /**
   * {@code Duplicated} by default; {@code Divided} is {@code Weighted} unless {@code
   * replicaDivisionPreference} says {@code Aggregated} (Karmada's webhook defaults it so), and
   * weighs every cluster alike when {@code weightPreference} is not set.
   */
  static ReplicaScheduling replicaScheduling(Fields scheduling) {
    scheduling.allow(
        Set.of("replicaSchedulingType", "replicaDivisionPreference", "weightPreference"), Set.of());
    String type = scheduling.text("replicaSchedulingType");
    if (type == null || type.equals("Duplicated")) {
      for (String onlyDivided : List.of("replicaDivisionPreference", "weightPreference")) {
        if (scheduling.has(onlyDivided)) {
          throw new InvalidInputException(
              scheduling.at(onlyDivided), "only applies to replicaSchedulingType Divided");
        }
      }
      return ReplicaScheduling.DUPLICATED;
    }
    if (!type.equals("Divided")) {
      throw new InvalidInputException(
          scheduling.at("replicaSchedulingType"), "'" + type + "' is not Duplicated or Divided");
    }
    String preference = scheduling.text("replicaDivisionPreference");
    if ("Aggregated".equals(preference)) {
      if (scheduling.has("weightPreference")) {
        throw new InvalidInputException(
            scheduling.at("weightPreference"),
            "only applies to replicaDivisionPreference Weighted");
      }
      return new ReplicaScheduling.Aggregated();
    }
    if (preference != null && !preference.equals("Weighted")) {
      throw new InvalidInputException(
          scheduling.at("replicaDivisionPreference"),
          "'" + preference + "' is not Weighted or Aggregated");
    }
    return weighted(scheduling.object("weightPreference"));
  }

  private static ReplicaScheduling weighted(Fields preference) {
    preference.allow(Set.of("staticWeightList", "dynamicWeight"), Set.of());
    if (preference.has("dynamicWeight")) {
      if (preference.has("staticWeightList")) {
        throw new InvalidInputException(
            preference.at("staticWeightList"),
            "is ignored when dynamicWeight is set (as in Karmada): set only one of them");
      }
      String factor = preference.requiredText("dynamicWeight");
      if (!factor.equals("AvailableReplicas")) {
        throw new InvalidInputException(
            preference.at("dynamicWeight"), "'" + factor + "' is not AvailableReplicas");
      }
      return new ReplicaScheduling.AvailableReplicas();
    }
    List<StaticWeight> weights = new ArrayList<>();
    for (Fields entry : preference.objects("staticWeightList")) {
      entry.allow(Set.of("targetCluster", "weight"), Set.of());
      if (!entry.has("weight")) {
        throw new InvalidInputException(entry.at("weight"), "is required");
      }
      int weight = entry.integer("weight", 0);
      if (weight < 1) {
        throw new InvalidInputException(entry.at("weight"), "must be at least 1");
      }
      Fields target =
          entry.object("targetCluster").allow(KarmadaPolicyReader.AFFINITY_FIELDS, Set.of());
      weights.add(new StaticWeight(KarmadaPolicyReader.affinity(target), weight));
    }
    return new ReplicaScheduling.StaticWeights(weights);
  }
}
