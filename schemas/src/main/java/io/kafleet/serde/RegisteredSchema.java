package io.kafleet.serde;

/** One version of a subject, as the registry lists it. */
public record RegisteredSchema(String subject, int version, int id, String schema) {}
