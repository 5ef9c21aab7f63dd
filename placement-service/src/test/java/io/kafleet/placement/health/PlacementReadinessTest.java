package io.kafleet.placement.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.placement.kafka.ElectionStanding;
import org.junit.jupiter.api.Test;

class PlacementReadinessTest {

  @Test
  void notReadyBeforeTheElectionHasAnOutcome() {
    PlacementReadiness readiness = PlacementReadiness.of(new ElectionStanding(false, false, false));
    assertThat(readiness.ready()).isFalse();
    assertThat(readiness.reason()).contains("no leader known");
  }

  @Test
  void anElectedInstanceIsNotReadyUntilItHasReadItsTopics() {
    PlacementReadiness loading = PlacementReadiness.of(new ElectionStanding(true, true, false));
    assertThat(loading.ready()).isFalse();
    assertThat(loading.reason()).contains("reading the fleet's topics");
    assertThat(PlacementReadiness.of(new ElectionStanding(true, true, true)).ready()).isTrue();
  }

  @Test
  void aStandbyIsReadyOnceItKnowsTheLeader() {
    assertThat(PlacementReadiness.of(new ElectionStanding(true, false, false)).ready()).isTrue();
  }

  @Test
  void aLeaderThatLostTheGroupIsNotReadyEvenWithItsTermStillOpen() {
    assertThat(PlacementReadiness.of(new ElectionStanding(false, true, true)).ready()).isFalse();
  }
}
