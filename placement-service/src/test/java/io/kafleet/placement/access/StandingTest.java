package io.kafleet.placement.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.placement.clusters.Admission;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StandingTest {

  private static final Optional<Admission> ACCEPTED =
      Optional.of(new Admission(true, List.of(), "api", Instant.EPOCH));
  private static final Optional<Admission> LEFT =
      Optional.of(new Admission(false, List.of(), "leave", Instant.EPOCH));

  @Test
  void aClusterHasJoinedWhenItsAgentHasACredentialOrTheFleetAcceptedIt() {
    assertThat(Standing.joined(true, Optional.empty())).isTrue();
    assertThat(Standing.joined(false, ACCEPTED)).isTrue();
    assertThat(Standing.joined(false, LEFT)).as("a cluster that left").isFalse();
    assertThat(Standing.joined(false, Optional.empty())).as("never heard of").isFalse();
  }

  @Test
  void theConflictSaysWhyTheClusterCountsAsJoined() {
    assertThat(Standing.alreadyJoined("member1", true, Optional.empty()))
        .contains("'member1'")
        .contains("Kafka user exists");
    assertThat(Standing.alreadyJoined("member1", false, ACCEPTED))
        .contains("'member1'")
        .contains("accepted")
        .contains("decided by api");
  }
}
