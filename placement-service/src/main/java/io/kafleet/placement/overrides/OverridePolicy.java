package io.kafleet.placement.overrides;

import io.kafleet.placement.scheduling.ResourceSelector;
import io.kafleet.placement.scheduling.ResourceSelector.Specificity;
import io.kafleet.placement.scheduling.TemplateRef;
import io.kafleet.schemas.ObjectKey;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Per-cluster changes to the templates a policy selects: a Karmada OverridePolicy (namespaced: the
 * templates of its namespace), a ClusterOverridePolicy, or the changes a KubeVela Application makes
 * to the objects it places ({@code placedBy}: those apply only where that Application placed the
 * template).
 *
 * @param resourceSelectors which templates it changes; none selects every template in scope
 */
public record OverridePolicy(
    ObjectKey id,
    List<ResourceSelector> resourceSelectors,
    List<OverrideRule> rules,
    Optional<ObjectKey> placedBy) {

  public OverridePolicy {
    resourceSelectors = List.copyOf(resourceSelectors);
    rules = List.copyOf(rules);
  }

  /** Whether it may change the template (in some cluster). */
  public boolean selects(TemplateRef template) {
    return select(template).isPresent();
  }

  /**
   * How specifically it selects the template (Karmada's implicit priority), or empty when it does
   * not apply to it.
   */
  Optional<Specificity> select(TemplateRef template) {
    if (!id.clusterScoped()
        && placedBy.isEmpty()
        && !id.namespace().equals(template.key().namespace())) {
      return Optional.empty();
    }
    if (resourceSelectors.isEmpty()) {
      return Optional.of(Specificity.KIND);
    }
    return resourceSelectors.stream()
        .flatMap(selector -> selector.select(template).stream())
        .max(Comparator.naturalOrder());
  }
}
