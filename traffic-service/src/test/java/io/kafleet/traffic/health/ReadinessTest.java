package io.kafleet.traffic.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadinessTest {

  @Test
  void notReadyWhileTheElectionHasNoOutcome() {
    Readiness readiness = Readiness.of(false, false, false);

    assertThat(readiness.ready()).isFalse();
    assertThat(readiness.reason()).contains("no leader known");
  }

  @Test
  void anElectedLeaderIsNotReadyUntilItsBooksAreRebuilt() {
    assertThat(Readiness.of(true, true, false).ready()).isFalse();
    assertThat(Readiness.of(true, true, false).reason()).contains("rebuilding");
    assertThat(Readiness.of(true, true, true).ready()).isTrue();
  }

  @Test
  void aStandbyThatKnowsTheLeaderIsReady() {
    Readiness readiness = Readiness.of(true, false, false);

    assertThat(readiness.ready()).isTrue();
    assertThat(readiness.reason()).contains("standing by");
  }
}
