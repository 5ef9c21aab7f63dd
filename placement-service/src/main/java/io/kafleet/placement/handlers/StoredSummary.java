package io.kafleet.placement.handlers;

import io.kafleet.placement.status.TemplateStatus;

/** One stored object as {@code get} lists it; {@code status} is null for policies. */
public record StoredSummary(
    String objectKey, String apiVersion, long generation, TemplateStatus status) {}
