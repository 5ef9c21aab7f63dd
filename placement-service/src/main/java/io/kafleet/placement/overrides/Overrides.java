package io.kafleet.placement.overrides;

import io.kafleet.placement.scheduling.MemberState;
import io.kafleet.placement.scheduling.ResourceSelector.Specificity;
import io.kafleet.placement.scheduling.TemplateRef;
import io.kafleet.schemas.ObjectKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies the overrides that concern one template in one cluster, in a defined order:
 *
 * <ol>
 *   <li>the changes of the KubeVela Application that placed the template (its component traits,
 *       then its override policies, as written), which are part of rendering the component;
 *   <li>Karmada ClusterOverridePolicies, then OverridePolicies of the template's namespace, as
 *       Karmada's override manager does: within each kind, by implicit priority ascending (a policy
 *       that selects the template by kind only, or selects everything, before one that selects it
 *       by label, before one that names it), then by name, so that the more specific policy applies
 *       last and has the last word;
 *   <li>within a policy, its rules in order, each only for the clusters of its {@code
 *       targetCluster}; within a rule, Karmada's order of overriders: image, command, args, labels,
 *       annotations, plaintext.
 * </ol>
 *
 * <p>The first overrider that does not fit the object stops the whole rendering: a half-overridden
 * object is never sent.
 */
public final class Overrides {

  /** What overriding one template for one cluster came to. */
  public sealed interface Outcome {

    /**
     * @param policies the override policies that changed the object, in the order applied
     */
    record Applied(ObjectNode manifest, List<ObjectKey> policies) implements Outcome {
      public Applied {
        policies = List.copyOf(policies);
      }
    }

    /**
     * @param policy the override policy whose overrider does not fit
     * @param field where that overrider is written in the policy
     */
    record Failed(ObjectKey policy, String field, String reason) implements Outcome {}
  }

  private record Selected(OverridePolicy policy, Specificity specificity, int tier) {}

  private static final Comparator<Selected> ORDER =
      Comparator.comparingInt(Selected::tier)
          .thenComparing(Selected::specificity)
          .thenComparing(selected -> selected.policy().id().name());

  private Overrides() {}

  /**
   * @param manifest the cluster's copy of the template, changed in place
   * @param placedBy the policy that placed the template in this cluster
   */
  public static Outcome apply(
      ObjectNode manifest,
      TemplateRef template,
      Optional<ObjectKey> placedBy,
      MemberState cluster,
      Collection<OverridePolicy> policies) {
    List<Selected> selected = new ArrayList<>();
    for (OverridePolicy policy : policies) {
      if (policy.placedBy().isPresent() && !policy.placedBy().equals(placedBy)) {
        continue;
      }
      int tier = policy.placedBy().isPresent() ? 0 : policy.id().clusterScoped() ? 1 : 2;
      policy
          .select(template)
          .ifPresent(specificity -> selected.add(new Selected(policy, specificity, tier)));
    }
    // Stable: an Application's own overrides keep the order it writes them in.
    selected.sort((a, b) -> a.tier() == 0 && b.tier() == 0 ? 0 : ORDER.compare(a, b));
    List<ObjectKey> applied = new ArrayList<>();
    for (Selected candidate : selected) {
      OverridePolicy policy = candidate.policy();
      for (OverrideRule rule : policy.rules()) {
        if (rule.targetCluster().isPresent() && !rule.targetCluster().get().matches(cluster)) {
          continue;
        }
        for (Overrider overrider : rule.overriders()) {
          try {
            overrider.applyTo(manifest, template.key());
          } catch (CannotOverride e) {
            return new Outcome.Failed(policy.id(), overrider.field(), e.getMessage());
          }
        }
        if (!applied.contains(policy.id())) {
          applied.add(policy.id());
        }
      }
    }
    return new Outcome.Applied(manifest, applied);
  }
}
