package io.kafleet.placement.scheduling;

import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector: every {@code matchLabels} entry and every {@code matchExpressions}
 * requirement must hold; an empty one matches everything.
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

  public static final LabelSelector EVERYTHING = new LabelSelector(Map.of());

  public LabelSelector {
    matchLabels = Map.copyOf(matchLabels);
    matchExpressions = List.copyOf(matchExpressions);
  }

  public LabelSelector(Map<String, String> matchLabels) {
    this(matchLabels, List.of());
  }

  public boolean matches(Map<String, String> labels) {
    return labels.entrySet().containsAll(matchLabels.entrySet())
        && matchExpressions.stream().allMatch(requirement -> requirement.matches(labels));
  }

  @Override
  public String toString() {
    if (matchExpressions.isEmpty()) {
      return matchLabels.toString();
    }
    return matchLabels.isEmpty()
        ? matchExpressions.toString()
        : matchLabels + " and " + matchExpressions;
  }
}
