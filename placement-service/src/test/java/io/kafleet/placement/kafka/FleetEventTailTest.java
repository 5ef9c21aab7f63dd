package io.kafleet.placement.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FleetEventTailTest {

  @Test
  void atTheFirstLookAPartitionIsReadFromItsLastRecords() {
    assertThat(FleetEventTail.startOffset(false, 0, 10_000)).isEqualTo(9_500);
    assertThat(FleetEventTail.startOffset(false, 9_800, 10_000))
        .as("retention left fewer")
        .isEqualTo(9_800);
    assertThat(FleetEventTail.startOffset(false, 0, 120)).isZero();
  }

  @Test
  void aPartitionThatAppearsLaterIsReadWhole() {
    assertThat(FleetEventTail.startOffset(true, 0, 10_000)).isZero();
    assertThat(FleetEventTail.startOffset(true, 40, 10_000)).isEqualTo(40);
  }
}
