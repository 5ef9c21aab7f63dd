package io.kafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void readsBareSecondsAndKubectlStyleUnits() {
    assertThat(Durations.parse("--timeout", "300")).isEqualTo(Duration.ofSeconds(300));
    assertThat(Durations.parse("--timeout", "90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("--timeout", "2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("--timeout", "1h30m")).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void anythingElseIsAnErrorNamingTheOption() {
    assertThatThrownBy(() -> Durations.parse("--step-timeout", "5 minutes"))
        .isInstanceOf(CliException.class)
        .hasMessage(
            "--step-timeout: '5 minutes' is not a duration (whole seconds, or e.g. 90s, 2m,"
                + " 1h30m)");
    assertThatThrownBy(() -> Durations.parse("--timeout", "-1s")).isInstanceOf(CliException.class);
  }

  @Test
  void formatsAsTyped() {
    assertThat(Durations.format(Duration.ofSeconds(120))).isEqualTo("2m");
    assertThat(Durations.format(Duration.ofSeconds(5400))).isEqualTo("1h30m");
    assertThat(Durations.format(Duration.ofSeconds(61))).isEqualTo("1m1s");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
  }
}
