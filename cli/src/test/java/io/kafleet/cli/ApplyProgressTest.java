package io.kafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.cli.ApplyProgress.ClusterOutcome;
import io.kafleet.cli.ApplyProgress.State;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ApplyProgressTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static JsonNode summary(long generation, String... clusters) {
    return JSON.readTree(ApplyWaitTest.summary(generation, clusters));
  }

  @Test
  void aReportOnAnOlderWorkIsNotAnOutcomeYet() {
    ApplyProgress progress =
        ApplyProgress.of(summary(2, "member1:Applied:false", "member2:-:false"), 2);

    assertThat(progress.clusters())
        .containsExactly(
            new ClusterOutcome(
                "member1", State.PENDING, "Pending", "no report on the current work yet"),
            new ClusterOutcome("member2", State.PENDING, "Pending", "not reported yet"));
    assertThat(progress.done()).isFalse();
  }

  @Test
  void conflictsAndFailuresOnTheCurrentWorkAreOutcomes() {
    ApplyProgress progress =
        ApplyProgress.of(
            summary(2, "member1:Conflict:true:owned by helm", "member2:Applied:true"), 2);

    assertThat(progress.in(State.FAILED))
        .containsExactly(new ClusterOutcome("member1", State.FAILED, "Conflict", "owned by helm"));
    assertThat(progress.in(State.APPLIED))
        .extracting(ClusterOutcome::cluster)
        .containsExactly("member2");
    assertThat(progress.done()).isTrue();
    assertThat(progress.summaryLine(25))
        .isEqualTo(
            "deployment/reviews-v1       member1 Conflict (owned by helm)   member2 Applied");
  }

  @Test
  void aStoredGenerationOlderThanTheApplyAnsweredIsNotIt() {
    ApplyProgress progress = ApplyProgress.of(summary(1, "member1:Applied:true"), 2);

    assertThat(progress.in(State.PENDING))
        .extracting(ClusterOutcome::cluster)
        .containsExactly("member1");
  }

  @Test
  void aTemplateWithoutTargetClustersIsDoneAndSaysSo() {
    ApplyProgress progress = ApplyProgress.of(summary(1), 1);

    assertThat(progress.done()).isTrue();
    assertThat(progress.summaryLine(0)).isEqualTo("deployment/reviews-v1   no target cluster");
  }

  @Test
  void aPolicyHasNoProgressToWaitFor() {
    assertThat(
            ApplyProgress.of(
                JSON.readTree("{\"objectKey\":\"a/B/c/d\",\"generation\":1,\"status\":null}"), 1))
        .isNull();
  }
}
