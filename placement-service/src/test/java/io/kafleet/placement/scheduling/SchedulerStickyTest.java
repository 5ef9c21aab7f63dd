package io.kafleet.placement.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.schemas.ObjectKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Decisions that keep to the last one, as Karmada's scheduler keeps to a ResourceBinding's result
 * (docs/userguide/scheduling/propagation-policy.md of karmada-io/website, "ClusterTolerations" and
 * "ClusterAffinities"; Karmada's TaintToleration filter passes the clusters a binding targets).
 */
class SchedulerStickyTest {

  private static final ObjectKey POLICY =
      new ObjectKey("policy.karmada.io", "PropagationPolicy", "default", "p");
  private static final Generations FIRST = new Generations(1, Map.of(POLICY, 1L));
  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  private static final Taint NO_SCHEDULE =
      new Taint("maintenance", "true", Taint.Effect.NoSchedule);
  private static final Taint NO_EXECUTE = new Taint("failing", null, Taint.Effect.NoExecute);

  @Test
  void aNoScheduleTaintKeepsExistingWorksAndBlocksNewOnes() {
    PlacementRules everywhere = PlacementRules.of(ClusterAffinity.ANY);
    Placement first =
        place(everywhere, service(), List.of(member("m1"), member("m2")), FIRST, null);
    assertThat(first.selectedClusters()).containsExactly("m1", "m2");

    List<MemberState> tainted =
        List.of(member("m1", NO_SCHEDULE), member("m2"), member("m3", NO_SCHEDULE));
    Placement next = place(everywhere, service(), tainted, FIRST, first);
    assertThat(next.selectedClusters())
        .as("m1 keeps its work; the new m3 gets none")
        .containsExactly("m1", "m2");
    assertThat(next.clusters())
        .containsExactly(
            new ClusterDecision.Selected(
                "m1",
                "accepted and ready; kept though taint maintenance=true:NoSchedule is not"
                    + " tolerated: NoSchedule blocks new placements only"),
            new ClusterDecision.Selected("m2", "accepted and ready"),
            new ClusterDecision.FilteredOut(
                "m3",
                "taint maintenance=true:NoSchedule not tolerated by placement.clusterTolerations"));

    assertThat(place(everywhere, service(), tainted, FIRST, null).selectedClusters())
        .as("a first decision places nothing new on a NoSchedule cluster")
        .containsExactly("m2");
  }

  @Test
  void aNoExecuteTaintEvictsUnlessTolerated() {
    PlacementRules everywhere = PlacementRules.of(ClusterAffinity.ANY);
    List<MemberState> members = List.of(member("m1"), member("m2"));
    Placement first = place(everywhere, service(), members, FIRST, null);

    List<MemberState> failing = List.of(member("m1", NO_EXECUTE), member("m2"));
    Placement next = place(everywhere, service(), failing, FIRST, first);
    assertThat(next.selectedClusters()).containsExactly("m2");
    assertThat(next.clusters().get(0))
        .isEqualTo(
            new ClusterDecision.Evicted(
                "m1",
                "evicted: taint failing:NoExecute not tolerated by placement.clusterTolerations"));

    PlacementRules tolerating =
        new PlacementRules(
            ClusterAffinity.ANY,
            List.of(),
            List.of(new Toleration("failing", Toleration.Operator.Exists, null, null)),
            ReplicaScheduling.DUPLICATED);
    Placement tolerated = place(tolerating, service(), members, FIRST, null);
    assertThat(place(tolerating, service(), failing, FIRST, tolerated).selectedClusters())
        .containsExactly("m1", "m2");
  }

  @Test
  void aClusterThatIsNoLongerReadyKeepsItsWorksButGetsNoNewOnes() {
    PlacementRules everywhere = PlacementRules.of(ClusterAffinity.ANY);
    Placement first = place(everywhere, service(), List.of(member("m1")), FIRST, null);

    List<MemberState> blip =
        List.of(
            new MemberState("m1", Map.of(), true, false),
            new MemberState("m2", Map.of(), true, false));
    Placement next = place(everywhere, service(), blip, FIRST, first);
    assertThat(next.selectedClusters()).as("a blip moves nothing").containsExactly("m1");
    assertThat(next.clusters())
        .extracting(ClusterDecision::reason)
        .containsExactly(
            "accepted; kept though not ready: readiness is asked of new placements only",
            "not ready");
  }

  /**
   * Issue 20's failover: a cluster not ready carries the not-ready NoExecute taint, which every
   * policy tolerates for the fleet default of 300 s unless it says otherwise (Kubernetes' taint
   * manager rule, as Karmada's helper.GetMinTolerationTime applies it); a blip shorter than that
   * moves nothing.
   */
  @Test
  void aClusterNotReadyLongerThanTheDefault300sLosesItsWorks() {
    PlacementRules everywhere = PlacementRules.of(ClusterAffinity.ANY);
    Placement first =
        place(everywhere, service(), List.of(member("m1"), member("m2")), FIRST, null);
    Instant down = NOW.minusSeconds(600);
    List<MemberState> m1Down = List.of(notReady("m1", down), member("m2"));

    Placement blip = place(everywhere, service(), m1Down, FIRST, first, down.plusSeconds(299));
    assertThat(blip.selectedClusters()).containsExactly("m1", "m2");
    assertThat(blip.clusters().get(0).reason())
        .isEqualTo(
            "accepted; kept though not ready: readiness is asked of new placements only;"
                + " kept while taint cluster.karmada.io/not-ready:NoExecute is tolerated, until"
                + " 2026-12-03T11:55:00Z (tolerationSeconds 300)");

    assertThat(blip.reviewAt())
        .as("when the toleration runs out, the decision is due again")
        .contains(down.plusSeconds(300));

    Placement evicted = place(everywhere, service(), m1Down, FIRST, blip, down.plusSeconds(300));
    assertThat(evicted.reviewAt()).isEmpty();
    assertThat(evicted.selectedClusters()).containsExactly("m2");
    assertThat(evicted.clusters().get(0)).isInstanceOf(ClusterDecision.Evicted.class);
    assertThat(evicted.clusters().get(0).reason())
        .isEqualTo(
            "evicted at 2026-12-03T11:55:00Z: not ready since 2026-12-03T11:50:00Z, longer than"
                + " the 300 s tolerated (taint cluster.karmada.io/not-ready:NoExecute)");
  }

  /** The case: a policy tolerating a not-ready cluster for 20 s. */
  @Test
  void aPolicysTolerationSecondsReplaceTheDefault() {
    PlacementRules twentySeconds =
        tolerating(
            new Toleration(
                Taint.NOT_READY, Toleration.Operator.Exists, null, Taint.Effect.NoExecute, 20L));
    Placement first =
        place(twentySeconds, service(), List.of(member("m1"), member("m2")), FIRST, null);
    List<MemberState> m1Down = List.of(notReady("m1", NOW), member("m2"));
    assertThat(
            place(twentySeconds, service(), m1Down, FIRST, first, NOW.plusSeconds(19))
                .selectedClusters())
        .containsExactly("m1", "m2");
    assertThat(
            place(twentySeconds, service(), m1Down, FIRST, first, NOW.plusSeconds(20))
                .selectedClusters())
        .containsExactly("m2");

    PlacementRules forever =
        tolerating(
            new Toleration(
                Taint.NOT_READY, Toleration.Operator.Exists, null, Taint.Effect.NoExecute));
    assertThat(
            place(forever, service(), m1Down, FIRST, first, NOW.plusSeconds(86_400))
                .selectedClusters())
        .as("a toleration without tolerationSeconds lasts as long as the taint")
        .containsExactly("m1", "m2");
  }

  @Test
  void aNewPlacementMayUseATimeLimitedTolerationUntilItExpires() {
    Taint failing = new Taint("failing", null, Taint.Effect.NoExecute, NOW);
    PlacementRules aMinute =
        tolerating(
            new Toleration(
                "failing", Toleration.Operator.Exists, null, Taint.Effect.NoExecute, 60L));
    List<MemberState> members = List.of(member("m1", failing));
    assertThat(
            place(aMinute, service(), members, FIRST, null, NOW.plusSeconds(59)).selectedClusters())
        .containsExactly("m1");
    Placement late = place(aMinute, service(), members, FIRST, null, NOW.plusSeconds(60));
    assertThat(late.selectedClusters()).isEmpty();
    assertThat(late.clusters().get(0).reason())
        .isEqualTo(
            "taint failing:NoExecute added at 2026-12-03T12:00:00Z is tolerated for 60 s only");
    assertThat(Scheduler.place(service(), List.of(policy(aMinute)), members).selectedClusters())
        .as("without a clock no toleration expires")
        .containsExactly("m1");
  }

  @Test
  void aClusterThatLeftOrIsNoLongerAcceptedLosesItsWorks() {
    PlacementRules everywhere = PlacementRules.of(ClusterAffinity.ANY);
    Placement first =
        place(
            everywhere, service(), List.of(member("m1"), member("m2"), member("m3")), FIRST, null);

    List<MemberState> after = List.of(new MemberState("m1", Map.of(), false, true), member("m2"));
    Placement next = place(everywhere, service(), after, FIRST, first);
    assertThat(next.selectedClusters()).containsExactly("m2");
    assertThat(next.clusters().get(0).reason())
        .isEqualTo("no longer accepted into the fleet: its placement is dropped");
    assertThat(next.rule()).endsWith("; placed last time in m3, which left the fleet");
  }

  @Test
  void aChangedTemplateOrPolicyIsScheduledAfreshAndTheRuleSaysWhy() {
    PlacementRules everywhere = PlacementRules.of(ClusterAffinity.ANY);
    Placement first = place(everywhere, service(), List.of(member("m1")), FIRST, null);
    List<MemberState> tainted = List.of(member("m1", NO_SCHEDULE));

    Placement templateChanged =
        place(everywhere, service(), tainted, new Generations(2, Map.of(POLICY, 1L)), first);
    assertThat(templateChanged.selectedClusters()).isEmpty();
    assertThat(templateChanged.rule())
        .endsWith("; scheduled afresh as the template changed (generation 2, last decided at 1)");

    Placement policyChanged =
        place(everywhere, service(), tainted, new Generations(1, Map.of(POLICY, 3L)), first);
    assertThat(policyChanged.selectedClusters()).isEmpty();
    assertThat(policyChanged.rule())
        .endsWith("; scheduled afresh as its policy changed (generation 3, last decided at 1)");
    assertThat(policyChanged.basis()).isEqualTo(new DecisionBasis(1, Optional.of(POLICY), 3));
  }

  /**
   * The case: a Divided Deployment of 10 replicas over three clusters keeps its split while
   * the clusters' free capacity changes (each heartbeat); a scheduling event, here a cluster
   * tainted NoExecute, divides only that cluster's replicas anew.
   */
  @Test
  void dividedReplicasKeepTheirSplitWhileFreeCapacityChanges() {
    PlacementRules dynamic = divided(new ReplicaScheduling.AvailableReplicas());
    TemplateRef web = deployment(10);
    Placement first =
        place(
            dynamic,
            web,
            List.of(withRoom("a", 5), withRoom("b", 3), withRoom("c", 2)),
            FIRST,
            null);
    assertThat(shares(first, "a", "b", "c")).containsExactly(5, 3, 2);

    List<MemberState> heartbeat = List.of(withRoom("a", 1), withRoom("b", 9), withRoom("c", 10));
    assertThat(shares(place(dynamic, web, heartbeat, FIRST, null), "a", "b", "c"))
        .as("afresh, the new capacity would move replicas")
        .containsExactly(1, 4, 5);
    Placement kept = place(dynamic, web, heartbeat, FIRST, first);
    assertThat(shares(kept, "a", "b", "c")).containsExactly(5, 3, 2);
    assertThat(kept.clusters().get(0).reason())
        .isEqualTo(
            "accepted and ready; 5 of 10 replicas (the last decision's split, kept: replicas are"
                + " divided anew only when a cluster is lost or the template or its policy"
                + " changes)");

    List<MemberState> aEvicted =
        List.of(withRoom("a", 9, NO_EXECUTE), withRoom("b", 2), withRoom("c", 6));
    Placement event = place(dynamic, web, aEvicted, FIRST, kept);
    assertThat(event.selectedClusters()).containsExactly("b", "c");
    assertThat(shares(event, "b", "c"))
        .as("b and c keep 3 and 2, and a's 5 go by room 2:6")
        .containsExactly(4, 6);
    assertThat(event.clusters().get(2).reason())
        .isEqualTo(
            "accepted and ready; 6 of 10 replicas (2 kept from the last decision, 4 of the 5"
                + " replicas of lost clusters: available replicas 6 of 8)");
  }

  @Test
  void staticWeightsKeepTheirSplitAndANewClusterGetsNoShareUntilASchedulingEvent() {
    PlacementRules even = divided(new ReplicaScheduling.StaticWeights(List.of()));
    TemplateRef web = deployment(10);
    Placement first = place(even, web, List.of(withRoom("a", 0), withRoom("b", 0)), FIRST, null);
    assertThat(shares(first, "a", "b")).containsExactly(5, 5);

    List<MemberState> joined = List.of(withRoom("a", 0), withRoom("b", 0), withRoom("c", 0));
    Placement next = place(even, web, joined, FIRST, first);
    assertThat(next.selectedClusters()).containsExactly("a", "b");
    assertThat(next.clusters().get(2))
        .isEqualTo(
            new ClusterDecision.FilteredOut(
                "c",
                "replica share 0 (the last decision's split, kept: replicas are divided anew only"
                    + " when a cluster is lost or the template or its policy changes)"));
    assertThat(
            shares(
                place(even, web, joined, new Generations(2, Map.of(POLICY, 1L)), next),
                "a",
                "b",
                "c"))
        .as("the template changed: divided afresh over all three")
        .containsExactly(4, 3, 3);
  }

  @Test
  void theReplicasOfALostClusterGoOnlyToClustersThatTakeNewPlacements() {
    PlacementRules even = divided(new ReplicaScheduling.StaticWeights(List.of()));
    TemplateRef web = deployment(10);
    Placement first =
        place(
            even, web, List.of(withRoom("a", 0), withRoom("b", 0), withRoom("c", 0)), FIRST, null);
    assertThat(shares(first, "a", "b", "c")).containsExactly(4, 3, 3);

    List<MemberState> after =
        List.of(withRoom("a", 0, NO_SCHEDULE), withRoom("b", 0), withRoom("c", 0, NO_EXECUTE));
    Placement next = place(even, web, after, FIRST, first);
    assertThat(shares(next, "a", "b", "c")).containsExactly(4, 6, 0);
    assertThat(next.clusters().get(0).reason())
        .isEqualTo(
            "accepted and ready; kept though taint maintenance=true:NoSchedule is not tolerated:"
                + " NoSchedule blocks new placements only; 4 of 10 replicas (4 kept from the last"
                + " decision, 0 of the 3 replicas of lost clusters: it takes no new replicas while"
                + " it blocks new placements)");
  }

  /**
   * Karmada's "Use case 2: Disaster recovery": the primary group fails, the workload moves to the
   * backup group, and it stays there when the primary recovers, until the template or the policy
   * changes.
   */
  @Test
  void clusterAffinitiesStaysOnTheFallbackGroupUntilTheTemplateOrPolicyChanges() {
    PlacementRules primaryThenBackup =
        new PlacementRules(
            ClusterAffinity.ANY,
            List.of(
                new ClusterAffinityTerm(
                    "primary-clusters",
                    new ClusterAffinity(List.of("member1", "member2"), List.of(), null)),
                new ClusterAffinityTerm(
                    "backup-clusters",
                    new ClusterAffinity(List.of("member3", "member4"), List.of(), null))),
            List.of(),
            ReplicaScheduling.DUPLICATED);
    List<MemberState> healthy =
        List.of(member("member1"), member("member2"), member("member3"), member("member4"));
    Placement first = place(primaryThenBackup, service(), healthy, FIRST, null);
    assertThat(first.selectedClusters()).containsExactly("member1", "member2");
    assertThat(first.affinityGroup()).hasValue(0);

    List<MemberState> primaryDown =
        List.of(
            member("member1", NO_EXECUTE),
            member("member2", NO_EXECUTE),
            member("member3"),
            member("member4"));
    Placement failedOver = place(primaryThenBackup, service(), primaryDown, FIRST, first);
    assertThat(failedOver.selectedClusters()).containsExactly("member3", "member4");
    assertThat(failedOver.affinityGroup()).hasValue(1);

    Placement recovered = place(primaryThenBackup, service(), healthy, FIRST, failedOver);
    assertThat(recovered.selectedClusters()).containsExactly("member3", "member4");
    assertThat(recovered.affinityGroup()).hasValue(1);
    assertThat(recovered.rule())
        .endsWith(
            "; placed by fallback group clusterAffinities[1] 'backup-clusters' kept from the last"
                + " decision until the template or its policy changes");

    Placement policyChanged =
        place(
            primaryThenBackup,
            service(),
            healthy,
            new Generations(1, Map.of(POLICY, 2L)),
            recovered);
    assertThat(policyChanged.selectedClusters()).containsExactly("member1", "member2");
    assertThat(policyChanged.affinityGroup()).hasValue(0);
  }

  @Test
  void thePreviousPlacementRemembersClustersSharesGroupAndBasis() {
    Placement placement =
        place(
            divided(new ReplicaScheduling.StaticWeights(List.of())),
            deployment(3),
            List.of(withRoom("a", 0), withRoom("b", 0)),
            FIRST,
            null);
    assertThat(PreviousPlacement.of(placement))
        .isEqualTo(
            new PreviousPlacement(
                new DecisionBasis(1, Optional.of(POLICY), 1),
                List.of("a", "b"),
                Map.of("a", 2, "b", 1),
                OptionalInt.empty()));
  }

  private static Placement place(
      PlacementRules rules,
      TemplateRef template,
      List<MemberState> members,
      Generations generations,
      Placement previous) {
    return place(rules, template, members, generations, previous, NOW);
  }

  private static Placement place(
      PlacementRules rules,
      TemplateRef template,
      List<MemberState> members,
      Generations generations,
      Placement previous,
      Instant now) {
    ResourceSelector selector =
        new ResourceSelector(template.apiVersion(), template.key().kind(), null, null, null);
    return Scheduler.place(
        template,
        List.of(new PlacementPolicy(POLICY, 0, List.of(selector), rules)),
        members,
        new DecisionContext(
            generations, Optional.ofNullable(previous).map(PreviousPlacement::of), Map.of(), now));
  }

  private static PlacementRules tolerating(Toleration toleration) {
    return new PlacementRules(
        ClusterAffinity.ANY, List.of(), List.of(toleration), ReplicaScheduling.DUPLICATED);
  }

  private static PlacementPolicy policy(PlacementRules rules) {
    return new PlacementPolicy(
        POLICY, 0, List.of(new ResourceSelector("v1", "Service", null, null, null)), rules);
  }

  /** A cluster not ready since then, with the taint Karmada puts on such a cluster. */
  private static MemberState notReady(String name, Instant since) {
    return new MemberState(
        name,
        Map.of(),
        true,
        false,
        null,
        null,
        null,
        List.of(new Taint(Taint.NOT_READY, null, Taint.Effect.NoExecute, since)),
        Optional.empty());
  }

  private static List<Integer> shares(Placement placement, String... clusters) {
    List<Integer> shares = new ArrayList<>();
    for (String cluster : clusters) {
      shares.add(placement.replicasOf(cluster).orElse(0));
    }
    return shares;
  }

  private static PlacementRules divided(ReplicaScheduling scheduling) {
    return new PlacementRules(ClusterAffinity.ANY, List.of(), List.of(), scheduling);
  }

  private static TemplateRef service() {
    return new TemplateRef(ObjectKey.of("v1", "Service", "default", "web"), "v1", Map.of());
  }

  private static TemplateRef deployment(int replicas) {
    return new TemplateRef(
        ObjectKey.of("apps/v1", "Deployment", "default", "web"),
        "apps/v1",
        Map.of(),
        Optional.of(new Replicas(replicas, 1000, 0)));
  }

  private static MemberState member(String name, Taint... taints) {
    return new MemberState(
        name, Map.of(), true, true, null, null, null, List.of(taints), Optional.empty());
  }

  /** A cluster with room for this many replicas of one core each. */
  private static MemberState withRoom(String name, int replicas, Taint... taints) {
    return new MemberState(
        name,
        Map.of(),
        true,
        true,
        null,
        null,
        null,
        List.of(taints),
        Optional.of(new Capacity(replicas * 1000L + 500, 1L << 30, 0, 0)));
  }
}
