package io.kafleet.placement.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.placement.scheduling.GracefulEviction.Assessment;
import io.kafleet.placement.scheduling.GracefulEviction.Health;
import io.kafleet.schemas.ObjectKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Graceful eviction as Karmada's graceful-eviction controller assesses its tasks
 * (pkg/controllers/gracefuleviction/evictiontask.go of karmada-io/karmada).
 */
class GracefulEvictionTest {

  private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
  private static final EvictionTask FROM_M1 =
      new EvictionTask(
          "m1",
          EvictionTask.Producer.TaintManager,
          T0,
          "evicted: taint failing:NoExecute",
          Duration.ofSeconds(600));

  @Test
  void anEvictionStartsATaskOnceForEachEvictedCluster() {
    ObjectKey policy = new ObjectKey("policy.karmada.io", "PropagationPolicy", "default", "p");
    TemplateRef service =
        new TemplateRef(ObjectKey.of("v1", "Service", "default", "web"), "v1", Map.of());
    PlacementPolicy everywhere =
        new PlacementPolicy(
            policy,
            0,
            List.of(new ResourceSelector("v1", "Service", null, null, null)),
            ClusterAffinity.ANY);
    Generations generations = new Generations(1, Map.of(policy, 1L));
    Placement first =
        Scheduler.place(
            service,
            List.of(everywhere),
            List.of(member("m1"), member("m2")),
            new DecisionContext(generations, Optional.empty(), Map.of(), T0));
    Placement evicting =
        Scheduler.place(
            service,
            List.of(everywhere),
            List.of(member("m1", new Taint("failing", null, Taint.Effect.NoExecute)), member("m2")),
            new DecisionContext(
                generations, Optional.of(PreviousPlacement.of(first)), Map.of(), T0));
    assertThat(evicting.clusters().get(0))
        .isEqualTo(
            new ClusterDecision.Evicted(
                "m1",
                "evicted: taint failing:NoExecute not tolerated by placement.clusterTolerations"));

    assertThat(GracefulEviction.started(evicting, Set.of(), T0, Duration.ofSeconds(600)))
        .containsExactly(
            new EvictionTask(
                "m1",
                EvictionTask.Producer.TaintManager,
                T0,
                "evicted: taint failing:NoExecute not tolerated by placement.clusterTolerations",
                Duration.ofSeconds(600)));
    assertThat(GracefulEviction.started(evicting, Set.of("m1"), T0, Duration.ofSeconds(600)))
        .as("a task already running is not started again")
        .isEmpty();
  }

  @Test
  void theEvictedWorksStayUntilEveryNewClusterReportsHealthy() {
    List<Assessment> waiting =
        GracefulEviction.assess(
            List.of(FROM_M1),
            List.of("m2", "m3"),
            Map.of("m2", Health.Healthy, "m3", Health.Unhealthy),
            T0.plusSeconds(60));
    assertThat(waiting)
        .containsExactly(
            new Assessment.Hold(
                FROM_M1,
                "kept until the template is healthy where it went (m3 reports it Unhealthy), or"
                    + " until 2026-12-03T12:10:00Z (grace period)"));

    assertThat(
            GracefulEviction.assess(
                List.of(FROM_M1),
                List.of("m2", "m3"),
                Map.of("m2", Health.Healthy),
                T0.plusSeconds(60)))
        .as("a cluster that has not reported is not healthy yet")
        .allMatch(Assessment.Hold.class::isInstance);

    assertThat(
            GracefulEviction.assess(
                List.of(FROM_M1),
                List.of("m2", "m3"),
                Map.of("m2", Health.Healthy, "m3", Health.Healthy),
                T0.plusSeconds(60)))
        .containsExactly(new Assessment.Release(FROM_M1, "healthy where it went: m2, m3"));
  }

  @Test
  void theGracePeriodBoundsTheWait() {
    assertThat(
            GracefulEviction.assess(
                List.of(FROM_M1),
                List.of("m2"),
                Map.of("m2", Health.Unhealthy),
                T0.plusSeconds(599)))
        .allMatch(Assessment.Hold.class::isInstance);
    assertThat(
            GracefulEviction.assess(
                List.of(FROM_M1),
                List.of("m2"),
                Map.of("m2", Health.Unhealthy),
                T0.plusSeconds(600)))
        .containsExactly(
            new Assessment.Release(
                FROM_M1,
                "grace period of 600 s since 2026-12-03T12:00:00Z has passed though m2 reports it"
                    + " Unhealthy"));
  }

  @Test
  void aTemplatePlacedNowhereElseKeepsItsWorksForTheGracePeriod() {
    assertThat(GracefulEviction.assess(List.of(FROM_M1), List.of(), Map.of(), T0.plusSeconds(60)))
        .containsExactly(
            new Assessment.Hold(
                FROM_M1,
                "no other cluster has the template: kept until 2026-12-03T12:10:00Z (grace"
                    + " period)"));
  }

  @Test
  void aClusterPlacedInAgainEndsItsTask() {
    assertThat(
            GracefulEviction.assess(
                List.of(FROM_M1), List.of("m1", "m2"), Map.of(), T0.plusSeconds(60)))
        .containsExactly(new Assessment.Release(FROM_M1, "placed in m1 again: nothing to evict"));
  }

  private static MemberState member(String name, Taint... taints) {
    return new MemberState(
        name, Map.of(), true, true, null, null, null, List.of(taints), Optional.empty());
  }
}
