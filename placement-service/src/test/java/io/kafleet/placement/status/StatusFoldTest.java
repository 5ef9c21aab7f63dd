package io.kafleet.placement.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.Health;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusFoldTest {

  private static final String KEY = "apps/Deployment/default/reviews-v1";

  @Test
  void isHealthyOnlyWhenEveryTargetClusterAppliedTheCurrentWorkAndIsHealthy() {
    TemplateStatus status =
        StatusFold.fold(
            KEY,
            2,
            Map.of("member1", "h2", "member2", "h2"),
            Map.of(
                "member1", report("member1", "h2", WorkPhase.Applied, Health.Healthy),
                "member2", report("member2", "h2", WorkPhase.Applied, Health.Healthy)));

    assertThat(status.health()).isEqualTo(Health.Healthy);
    assertThat(status.clusters())
        .extracting(TemplateStatus.ClusterWorkStatus::cluster)
        .containsExactly("member1", "member2");
  }

  @Test
  void aClusterThatHasNotReportedKeepsTheTemplateProgressing() {
    TemplateStatus status =
        StatusFold.fold(
            KEY,
            1,
            Map.of("member1", "h1", "member2", "h1"),
            Map.of("member1", report("member1", "h1", WorkPhase.Applied, Health.Healthy)));

    assertThat(status.health()).isEqualTo(Health.Progressing);
    assertThat(status.clusters().get(1))
        .extracting(c -> c.phase(), c -> c.health(), c -> c.message())
        .containsExactly(null, Health.Unknown, "not reported yet");
  }

  @Test
  void aHealthyReportOfAnOlderWorkIsProgressing() {
    TemplateStatus status =
        StatusFold.fold(
            KEY,
            3,
            Map.of("member1", "h3"),
            Map.of("member1", report("member1", "h2", WorkPhase.Applied, Health.Healthy)));

    assertThat(status.health()).isEqualTo(Health.Progressing);
    assertThat(status.clusters().get(0).current()).isFalse();
  }

  @Test
  void aFailureOrConflictAnywhereMakesTheTemplateUnhealthy() {
    for (WorkPhase phase : new WorkPhase[] {WorkPhase.Failed, WorkPhase.Conflict}) {
      TemplateStatus status =
          StatusFold.fold(
              KEY,
              1,
              Map.of("member1", "h1", "member2", "h1"),
              Map.of(
                  "member1", report("member1", "h1", WorkPhase.Applied, Health.Healthy),
                  "member2", report("member2", "h1", phase, Health.Unknown)));

      assertThat(status.health()).as("overall with member2 %s", phase).isEqualTo(Health.Unhealthy);
    }
  }

  @Test
  void reportsOfClustersThatNoLongerHoldTheWorkDoNotCount() {
    TemplateStatus status =
        StatusFold.fold(
            KEY,
            1,
            Map.of("member1", "h1"),
            Map.of(
                "member1", report("member1", "h1", WorkPhase.Applied, Health.Healthy),
                "member3", report("member3", "h0", WorkPhase.Failed, Health.Unhealthy)));

    assertThat(status.health()).isEqualTo(Health.Healthy);
    assertThat(status.clusters()).hasSize(1);
  }

  @Test
  void aTemplatePlacedNowhereHasUnknownHealth() {
    assertThat(StatusFold.fold(KEY, 1, Map.of(), Map.of()).health()).isEqualTo(Health.Unknown);
  }

  private static WorkStatus report(String cluster, String hash, WorkPhase phase, Health health) {
    return WorkStatus.newBuilder()
        .setCluster(cluster)
        .setObjectKey(KEY)
        .setAppliedHash(hash)
        .setAppliedGeneration(1L)
        .setPhase(phase)
        .setHealth(health)
        .setLiveSummary(Map.of("readyReplicas", "1/1"))
        .setReportedAt(Instant.ofEpochSecond(1))
        .build();
  }
}
