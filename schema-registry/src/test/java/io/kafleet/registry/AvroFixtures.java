package io.kafleet.registry;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Avro schema texts for the tests. */
final class AvroFixtures {

  private AvroFixtures() {}

  /** A record schema {@code io.kafleet.test.NAME} with the given field declarations. */
  static String record(String name, String... fields) {
    return "{\"type\":\"record\",\"name\":\""
        + name
        + "\",\"namespace\":\"io.kafleet.test\",\"fields\":["
        + Arrays.stream(fields).collect(Collectors.joining(","))
        + "]}";
  }

  static String field(String name, String type) {
    return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\"}";
  }

  static String fieldWithDefault(String name, String type, String defaultJson) {
    return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"default\":" + defaultJson + "}";
  }

  /** Version 1 of a small event. */
  static String eventV1() {
    return record("Event", field("id", "string"));
  }

  /** Version 1 plus a field with a default: BACKWARD compatible. */
  static String eventWithDefaultedField() {
    return record("Event", field("id", "string"), fieldWithDefault("count", "int", "0"));
  }

  /** Version 1 plus a field without a default: not BACKWARD compatible. */
  static String eventWithRequiredField() {
    return record("Event", field("id", "string"), field("owner", "string"));
  }
}
