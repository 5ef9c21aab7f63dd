package io.kafleet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LogFormatTest {

  @Test
  void unsetOrBlankIsText() {
    assertThat(LogFormat.fromEnvironment(new Environment(Map.of()))).isEqualTo(LogFormat.TEXT);
    assertThat(format(" ")).isEqualTo(LogFormat.TEXT);
  }

  @Test
  void textAndJsonAreTheFormats() {
    assertThat(format("text")).isEqualTo(LogFormat.TEXT);
    assertThat(format("json")).isEqualTo(LogFormat.JSON);
  }

  @Test
  void anythingElseIsAnErrorNamingTheVariableAndTheAllowedValues() {
    for (String wrong : new String[] {"xml", "JSON", "json ", "ecs"}) {
      assertThatThrownBy(() -> format(wrong))
          .as("'%s'", wrong)
          .isInstanceOf(InvalidSettingException.class)
          .hasMessage(LogFormat.VARIABLE + ": '" + wrong + "' is not a log format: text or json")
          .extracting(e -> ((InvalidSettingException) e).variable())
          .isEqualTo("KAFLEET_LOG_FORMAT");
    }
  }

  private static LogFormat format(String value) {
    return LogFormat.fromEnvironment(new Environment(Map.of(LogFormat.VARIABLE, value)));
  }
}
