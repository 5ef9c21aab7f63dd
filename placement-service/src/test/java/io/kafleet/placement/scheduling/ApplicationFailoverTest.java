package io.kafleet.placement.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.placement.scheduling.ApplicationFailover.PurgeMode;
import io.kafleet.placement.scheduling.GracefulEviction.Assessment;
import io.kafleet.schemas.ObjectKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code spec.failover.application} with the semantics of Karmada's ApplicationFailoverBehavior
 * (pkg/apis/policy/v1alpha1/propagation_types.go of karmada-io/karmada: tolerationSeconds 300,
 * purgeMode Directly, Gracefully with gracePeriodSeconds 600, or Never).
 */
class ApplicationFailoverTest {

  private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
  private static final ApplicationFailover GRACEFULLY =
      new ApplicationFailover(
          ApplicationFailover.DEFAULT_TOLERATION,
          PurgeMode.Gracefully,
          ApplicationFailover.DEFAULT_GRACE_PERIOD);

  @Test
  void aWorkUnhealthyLongerThanTheTolerationIsEvictedFromItsCluster() {
    Map<String, Instant> unhealthy = Map.of("m1", T0, "m2", T0.plusSeconds(200));
    assertThat(GRACEFULLY.evictions(unhealthy, Set.of(), T0.plusSeconds(299))).isEmpty();
    assertThat(GRACEFULLY.reviewAt(unhealthy, T0.plusSeconds(299))).contains(T0.plusSeconds(300));

    assertThat(GRACEFULLY.evictions(unhealthy, Set.of(), T0.plusSeconds(300)))
        .containsExactly(
            new EvictionTask(
                "m1",
                EvictionTask.Producer.ApplicationFailover,
                T0.plusSeconds(300),
                "application failover: unhealthy since 2026-12-03T12:00:00Z, longer than the 300 s"
                    + " tolerated; purgeMode Gracefully",
                Duration.ofSeconds(600)));
    assertThat(GRACEFULLY.evictions(unhealthy, Set.of("m1"), T0.plusSeconds(300)))
        .as("not twice")
        .isEmpty();
    assertThat(GRACEFULLY.reviewAt(unhealthy, T0.plusSeconds(300))).contains(T0.plusSeconds(500));
  }

  @Test
  void purgeModeSetsHowTheWorksLeftBehindGo() {
    Map<String, Instant> unhealthy = Map.of("m1", T0);
    Instant later = T0.plusSeconds(300);
    EvictionTask directly =
        new ApplicationFailover(Duration.ofSeconds(300), PurgeMode.Directly, Duration.ZERO)
            .evictions(unhealthy, Set.of(), later)
            .get(0);
    assertThat(GracefulEviction.assess(List.of(directly), List.of("m2"), Map.of(), later))
        .as("Directly: at once, whatever the health of m2")
        .allMatch(Assessment.Release.class::isInstance);

    EvictionTask never =
        new ApplicationFailover(Duration.ofSeconds(300), PurgeMode.Never, Duration.ZERO)
            .evictions(unhealthy, Set.of(), later)
            .get(0);
    assertThat(
            GracefulEviction.assess(
                List.of(never),
                List.of("m2"),
                Map.of("m2", GracefulEviction.Health.Healthy),
                later.plus(Duration.ofDays(30))))
        .containsExactly(
            new Assessment.Hold(never, "purgeMode Never: kept until someone removes the works"));
  }

  @Test
  void theSchedulerDoesNotChooseAClusterWhileItsWorksAreBeingEvicted() {
    ObjectKey policyId = new ObjectKey("policy.karmada.io", "PropagationPolicy", "default", "p");
    PlacementPolicy policy =
        new PlacementPolicy(
            policyId,
            0,
            List.of(new ResourceSelector("v1", "Service", null, null, null)),
            new PlacementRules(
                ClusterAffinity.ANY,
                List.of(),
                List.of(),
                ReplicaScheduling.DUPLICATED,
                List.of(new SpreadConstraint(SpreadConstraint.Field.cluster, 1, 1))),
            PropagationOptions.DEFAULT,
            Optional.of(GRACEFULLY));
    TemplateRef service =
        new TemplateRef(ObjectKey.of("v1", "Service", "default", "web"), "v1", Map.of());
    List<MemberState> members =
        List.of(
            new MemberState("m1", Map.of(), true, true),
            new MemberState("m2", Map.of(), true, true));
    Generations generations = new Generations(1, Map.of(policyId, 1L));
    Placement first =
        Scheduler.place(
            service,
            List.of(policy),
            members,
            new DecisionContext(generations, Optional.empty(), Map.of(), T0));
    assertThat(first.selectedClusters()).containsExactly("m1");

    Instant later = T0.plusSeconds(300);
    EvictionTask task = GRACEFULLY.evictions(Map.of("m1", T0), Set.of(), later).get(0);
    Placement failedOver =
        Scheduler.place(
            service,
            List.of(policy),
            members,
            new DecisionContext(
                generations, Optional.of(PreviousPlacement.of(first)), Map.of("m1", task), later));
    assertThat(failedOver.selectedClusters()).containsExactly("m2");
    assertThat(failedOver.clusters().get(0))
        .isEqualTo(
            new ClusterDecision.Evicted(
                "m1",
                "its works are being evicted since 2026-12-03T12:05:00Z (application failover:"
                    + " unhealthy since 2026-12-03T12:00:00Z, longer than the 300 s tolerated;"
                    + " purgeMode Gracefully)"));
  }
}
