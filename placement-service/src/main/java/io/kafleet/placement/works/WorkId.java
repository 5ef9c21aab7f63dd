package io.kafleet.placement.works;

import io.kafleet.schemas.ObjectKey;

/** A work's identity: one object in one cluster's execution space. */
public record WorkId(String cluster, ObjectKey key) {}
