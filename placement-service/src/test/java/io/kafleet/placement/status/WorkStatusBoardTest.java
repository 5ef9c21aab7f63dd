package io.kafleet.placement.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.Health;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WorkStatusBoardTest {

  private final WorkStatusBoard board = new WorkStatusBoard();

  @Test
  void keepsTheLatestReportPerClusterAndSaysWhenSomethingChanged() {
    assertThat(board.record(report("member1", WorkPhase.Applied, 10))).isTrue();
    assertThat(board.record(report("member1", WorkPhase.Applied, 10)))
        .as("the same report twice")
        .isFalse();
    assertThat(board.record(report("member1", WorkPhase.Failed, 5)))
        .as("an older report arriving late")
        .isFalse();
    assertThat(board.record(report("member2", WorkPhase.Failed, 5))).isTrue();

    assertThat(board.reportsOn("core/Service/default/details"))
        .hasSize(2)
        .hasEntrySatisfying(
            "member1", report -> assertThat(report.getPhase()).isEqualTo(WorkPhase.Applied));
  }

  private static WorkStatus report(String cluster, WorkPhase phase, long second) {
    return WorkStatus.newBuilder()
        .setCluster(cluster)
        .setObjectKey("core/Service/default/details")
        .setPhase(phase)
        .setHealth(Health.Healthy)
        .setReportedAt(Instant.ofEpochSecond(second))
        .build();
  }
}
