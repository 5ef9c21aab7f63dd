package io.kafleet.placement.scheduling;

import java.util.Optional;

/**
 * One entry of a Karmada {@code resourceSelectors} list. A null namespace, name or label selector
 * does not narrow the selection.
 */
public record ResourceSelector(
    String apiVersion, String kind, String namespace, String name, LabelSelector labelSelector) {

  /** How specifically a selector picks a template; a more specific match wins the template. */
  public enum Specificity {
    KIND,
    LABEL,
    NAME
  }

  /** How this selector selects the template, or empty when it does not. */
  public Optional<Specificity> select(TemplateRef template) {
    boolean sameType =
        kind.equals(template.key().kind())
            && apiVersion.equals(template.apiVersion())
            && (namespace == null || namespace.equals(template.key().namespace()));
    if (!sameType) {
      return Optional.empty();
    }
    if (name != null) {
      return name.equals(template.key().name()) ? Optional.of(Specificity.NAME) : Optional.empty();
    }
    if (labelSelector != null) {
      return labelSelector.matches(template.labels())
          ? Optional.of(Specificity.LABEL)
          : Optional.empty();
    }
    return Optional.of(Specificity.KIND);
  }
}
