package io.kafleet.placement.scheduling;

import java.util.Map;

/** A Kubernetes label selector's {@code matchLabels}; an empty one matches everything. */
public record LabelSelector(Map<String, String> matchLabels) {

  public static final LabelSelector EVERYTHING = new LabelSelector(Map.of());

  public LabelSelector {
    matchLabels = Map.copyOf(matchLabels);
  }

  public boolean matches(Map<String, String> labels) {
    return labels.entrySet().containsAll(matchLabels.entrySet());
  }

  @Override
  public String toString() {
    return matchLabels.toString();
  }
}
