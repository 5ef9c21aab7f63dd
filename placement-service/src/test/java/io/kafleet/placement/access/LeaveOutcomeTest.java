package io.kafleet.placement.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaveOutcomeTest {

  private static final String A = "core/ConfigMap/default/a";
  private static final String B = "core/ConfigMap/default/b";
  private static final String C = "core/ConfigMap/default/c";

  @Test
  void aWorkIsConfirmedByADeletedReportNewerThanTheOneKnownAtTheStart() {
    WorkStatus applied = report(A, WorkPhase.Applied, 1);
    WorkStatus oldDeleted = report(A, WorkPhase.Deleted, 1);
    WorkStatus deleted = report(A, WorkPhase.Deleted, 2);

    assertThat(LeaveOutcome.confirmed(applied, deleted)).isTrue();
    assertThat(LeaveOutcome.confirmed(null, deleted)).as("no report before").isTrue();
    assertThat(LeaveOutcome.confirmed(applied, applied)).as("nothing new").isFalse();
    assertThat(LeaveOutcome.confirmed(oldDeleted, oldDeleted)).as("an old deletion").isFalse();
    assertThat(LeaveOutcome.confirmed(applied, null)).isFalse();
    assertThat(LeaveOutcome.confirmed(applied, report(A, WorkPhase.Failed, 2))).isFalse();
  }

  @Test
  void theOutcomeCountsWhatWasConfirmedAndNamesWhatWasNot() {
    Map<String, WorkStatus> before =
        Map.of(A, report(A, WorkPhase.Applied, 1), B, report(B, WorkPhase.Applied, 1));
    Map<String, WorkStatus> now =
        Map.of(A, report(A, WorkPhase.Deleted, 2), B, report(B, WorkPhase.Applied, 1));

    assertThat(LeaveOutcome.of("member1", List.of(C, B, A), before, now, false))
        .isEqualTo(new LeaveOutcome("member1", 1, List.of(B, C), 0));
    assertThat(LeaveOutcome.of("member1", List.of(C, B, A), before, now, true))
        .as("with keepResources, a confirmed work is one kept")
        .isEqualTo(new LeaveOutcome("member1", 0, List.of(B, C), 1));
    assertThat(LeaveOutcome.of("member1", List.of(), before, now, false))
        .isEqualTo(new LeaveOutcome("member1", 0, List.of(), 0));
  }

  private static WorkStatus report(String key, WorkPhase phase, long second) {
    return WorkStatus.newBuilder()
        .setCluster("member1")
        .setObjectKey(key)
        .setPhase(phase)
        .setReportedAt(Instant.ofEpochSecond(second))
        .build();
  }
}
