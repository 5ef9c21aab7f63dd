package io.kafleet.placement.handlers;

import io.kafleet.placement.input.Submission;
import io.kafleet.placement.status.TemplateStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stored object as {@code get} lists it, with its labels (the console filters by them); {@code
 * status} is null for policies.
 */
public record StoredSummary(
    String objectKey,
    String apiVersion,
    long generation,
    Map<String, String> labels,
    TemplateStatus status) {

  public StoredSummary {
    labels = Map.copyOf(labels);
  }

  static StoredSummary of(Submission stored, long generation, TemplateStatus status) {
    Map<String, String> labels = new LinkedHashMap<>();
    stored
        .document()
        .path("metadata")
        .path("labels")
        .properties()
        .forEach(label -> labels.put(label.getKey(), label.getValue().asString()));
    return new StoredSummary(
        stored.key().toString(), stored.apiVersion(), generation, labels, status);
  }
}
