package io.kafleet.agent.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetriesTest {

  private final Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
  private final Retries<String> retries =
      new Retries<>(Duration.ofSeconds(1), Duration.ofSeconds(5));

  @Test
  void backoffDoublesUpToTheMaximumPerKey() {
    assertThat(retries.failed("a", t0)).isEqualTo(t0.plusSeconds(1));
    assertThat(retries.failed("a", t0)).isEqualTo(t0.plusSeconds(2));
    assertThat(retries.failed("a", t0)).isEqualTo(t0.plusSeconds(4));
    assertThat(retries.failed("a", t0)).isEqualTo(t0.plusSeconds(5));
    assertThat(retries.failed("b", t0)).isEqualTo(t0.plusSeconds(1));
  }

  @Test
  void onlyDueKeysAreReturnedAndSuccessForgetsAKey() {
    retries.failed("a", t0);
    retries.failed("b", t0);
    retries.failed("b", t0);

    assertThat(retries.due(t0.plusSeconds(1))).containsExactly("a");
    retries.succeeded("a");
    assertThat(retries.due(t0.plusSeconds(10))).containsExactly("b");
  }
}
