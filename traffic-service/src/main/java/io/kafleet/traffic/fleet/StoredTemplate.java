package io.kafleet.traffic.fleet;

import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** One resource template as placement-service stores it on {@code kafleet.templates}. */
public record StoredTemplate(
    long generation, String appliedBy, Instant appliedAt, JsonNode document) {
  public StoredTemplate {
    Objects.requireNonNull(appliedAt, "appliedAt");
    Objects.requireNonNull(document, "document");
  }
}
