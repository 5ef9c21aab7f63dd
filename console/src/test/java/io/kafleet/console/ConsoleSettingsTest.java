package io.kafleet.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsoleSettingsTest {

  private static final String ASSETS = "classpath:/kafleet-console/";
  private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

  @Test
  void aBlankUrlIsNotConfigured() {
    assertThat(new ConsoleSettings(null, null, FIVE_SECONDS, ASSETS).traffic()).isEmpty();
    assertThat(new ConsoleSettings("  ", "", FIVE_SECONDS, ASSETS).traffic()).isEmpty();
    assertThat(new ConsoleSettings("  ", "", FIVE_SECONDS, ASSETS).trafficSslBundle()).isNull();
  }

  @Test
  void anHttpOrHttpsUrlIsTrafficServices() {
    assertThat(new ConsoleSettings("https://traffic:8081", null, FIVE_SECONDS, ASSETS).traffic())
        .contains(URI.create("https://traffic:8081"));
  }

  @Test
  void anythingElseIsRefusedNamingTheSetting() {
    for (String url : new String[] {"traffic:8081", "ftp://traffic", "https://t/?a=b", "http://"}) {
      assertThatThrownBy(() -> new ConsoleSettings(url, null, FIVE_SECONDS, ASSETS))
          .as(url)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("kafleet.console.traffic-url: '" + url + "'");
    }
    assertThatThrownBy(() -> new ConsoleSettings("https://t", null, Duration.ZERO, ASSETS))
        .hasMessageContaining("kafleet.console.traffic-connect-timeout: must be positive");
  }
}
