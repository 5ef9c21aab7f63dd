package io.kafleet.placement.fleet;

/** What an apply did to one object, in kubectl's words: created, configured or unchanged. */
public record ApplyResult(String objectKey, long generation, String result) {}
