package io.kafleet.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LogCodecTest {

  private final LogCodec codec = new LogCodec();
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void recordsRoundTrip() {
    for (LogRecord record :
        new LogRecord[] {
          LogRecord.registration("orders-value", 2, 7, "\"string\""),
          LogRecord.deletion("orders-value", 2),
          LogRecord.compatibility("orders-value", CompatibilityLevel.FULL),
          LogRecord.compatibility(null, CompatibilityLevel.NONE)
        }) {
      String value = codec.value(record);
      assertThat(codec.decode(value)).as("decoded %s", value).isEqualTo(record);
    }
  }

  @Test
  void valuesAreTypedJson() throws Exception {
    JsonNode value = json.readTree(codec.value(LogRecord.registration("s", 1, 3, "\"string\"")));

    assertThat(value.path("type").asString()).as("type in %s", value).isEqualTo("SCHEMA");
    assertThat(value.path("id").asInt()).as("id in %s", value).isEqualTo(3);
    assertThat(value.path("schema").asString()).as("schema in %s", value).isEqualTo("\"string\"");
  }

  @Test
  void onlyConfigKeysRepeatSoCompactionKeepsEveryRegistration() throws Exception {
    String first = codec.key(LogRecord.registration("s", 1, 1, "\"string\""));
    String second = codec.key(LogRecord.registration("s", 1, 1, "\"string\""));
    assertThat(first).as("keys of two proposals of the same registration").isNotEqualTo(second);
    assertThat(json.readTree(first).path("subject").asString()).as("subject in key").isEqualTo("s");

    assertThat(codec.key(LogRecord.deletion("s", 1)))
        .as("keys of two deletions")
        .isNotEqualTo(codec.key(LogRecord.deletion("s", 1)));

    assertThat(codec.key(LogRecord.compatibility("s", CompatibilityLevel.FULL)))
        .as("keys of two level changes of s")
        .isEqualTo(codec.key(LogRecord.compatibility("s", CompatibilityLevel.NONE)));
    assertThat(codec.key(LogRecord.compatibility(null, CompatibilityLevel.FULL)))
        .as("key of the global level")
        .isEqualTo("{\"type\":\"CONFIG\",\"subject\":null}");
  }

  @Test
  void refusesValuesOfUnknownShape() {
    for (String value : new String[] {"{\"type\":\"HARD_DELETE\"}", "not json", "{}"}) {
      assertThatThrownBy(() -> codec.decode(value))
          .as("decode(%s)", value)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
