package io.kafleet.registry;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON keys and values of the store topic. */
final class LogCodec {

  private final ObjectMapper json =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /**
   * The record's key. Compaction keeps only the last record of a key, so only a setting that a
   * later record replaces (a compatibility level) shares its key; registrations and deletions carry
   * their proposal id, so that compaction never drops one and every reader replays the same
   * history, conflicts included.
   */
  String key(LogRecord record) {
    ObjectNode key = json.createObjectNode();
    if (record instanceof LogRecord.SchemaRegistered registered) {
      key.put("type", "SCHEMA")
          .put("subject", registered.subject())
          .put("version", registered.version())
          .put("proposal", registered.proposal());
    } else if (record instanceof LogRecord.SubjectDeleted deleted) {
      key.put("type", "DELETE_SUBJECT")
          .put("subject", deleted.subject())
          .put("proposal", deleted.proposal());
    } else if (record instanceof LogRecord.CompatibilitySet config) {
      key.put("type", "CONFIG").put("subject", config.subject());
    } else {
      throw new IllegalArgumentException("unknown log record " + record);
    }
    return key.toString();
  }

  String value(LogRecord record) {
    try {
      return json.writeValueAsString(record);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("cannot write " + record, e);
    }
  }

  /**
   * @throws IllegalArgumentException for a value that is not a record of a known type
   */
  LogRecord decode(String value) {
    try {
      return json.readValue(value, LogRecord.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not a registry record: " + e.getOriginalMessage(), e);
    }
  }
}
