package io.kafleet.placement.clusters;

/**
 * One record of a status topic as it was read: where it is, and its value (null for a tombstone, an
 * {@link io.kafleet.serde.Unreadable} for bytes that are no kafleet event).
 */
public record StatusRecord(String topic, int partition, long offset, String key, Object value) {}
