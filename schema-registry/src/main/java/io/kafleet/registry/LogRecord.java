package io.kafleet.registry;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.UUID;

/**
 * A change proposed to the registry, as written to the store topic. Every record carries the id of
 * the proposal that wrote it, so that the proposing instance can recognise its own record when it
 * reads it back, and learn whether the log accepted it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = LogRecord.SchemaRegistered.class, name = "SCHEMA"),
  @JsonSubTypes.Type(value = LogRecord.SubjectDeleted.class, name = "DELETE_SUBJECT"),
  @JsonSubTypes.Type(value = LogRecord.CompatibilitySet.class, name = "CONFIG")
})
sealed interface LogRecord {

  String proposal();

  /** The schema becomes {@code version} of {@code subject}, under the global {@code id}. */
  record SchemaRegistered(String subject, int version, int id, String schema, String proposal)
      implements LogRecord {}

  /** Soft-deletes the subject's versions up to {@code upToVersion}; their ids stay resolvable. */
  record SubjectDeleted(String subject, int upToVersion, String proposal) implements LogRecord {}

  /** Sets the compatibility level of a subject, or the global one when {@code subject} is null. */
  record CompatibilitySet(String subject, String compatibilityLevel, String proposal)
      implements LogRecord {}

  static SchemaRegistered registration(String subject, int version, int id, String schema) {
    return new SchemaRegistered(subject, version, id, schema, newProposal());
  }

  static SubjectDeleted deletion(String subject, int upToVersion) {
    return new SubjectDeleted(subject, upToVersion, newProposal());
  }

  static CompatibilitySet compatibility(String subject, CompatibilityLevel level) {
    return new CompatibilitySet(subject, level.name(), newProposal());
  }

  private static String newProposal() {
    return UUID.randomUUID().toString();
  }
}
