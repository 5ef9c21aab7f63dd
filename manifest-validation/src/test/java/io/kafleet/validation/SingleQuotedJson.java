package io.kafleet.validation;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Objects for tests, written as JSON with single quotes. */
final class SingleQuotedJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SingleQuotedJson() {}

  static JsonNode json(String singleQuoted) {
    return JSON.readTree(singleQuoted.replace('\'', '"'));
  }
}
