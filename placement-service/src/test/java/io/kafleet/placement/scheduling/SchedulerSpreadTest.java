package io.kafleet.placement.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.placement.scheduling.SpreadConstraint.Field;
import io.kafleet.schemas.ObjectKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code spreadConstraints}, with the examples of Karmada's documentation
 * (docs/userguide/scheduling/propagation-policy.md of karmada-io/website, "SpreadConstraints" and
 * the tip under "Cluster Affinity").
 */
class SchedulerSpreadTest {

  private static final ObjectKey POLICY =
      new ObjectKey("policy.karmada.io", "PropagationPolicy", "default", "p");
  private static final Generations GENERATIONS = new Generations(1, Map.of(POLICY, 1L));
  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  private static final List<MemberState> WORLD =
      List.of(
          located("ap1", "ap", "ap-1a", "aws"),
          located("eu1", "eu", "eu-1a", "aws"),
          located("eu2", "eu", "eu-1b", "gcp"),
          located("us1", "us", "us-1a", "gcp"));

  /** "This spreads workloads across exactly two regions with one cluster per region." */
  @Test
  void twoRegionsWithOneClusterEachAsKarmadasExampleSays() {
    Placement placement =
        place(
            duplicated(spread(Field.region, 2, 2), spread(Field.cluster, 2, 2)),
            service(),
            WORLD,
            null);
    assertThat(placement.selectedClusters()).containsExactly("ap1", "eu1");
    assertThat(placement.rule())
        .endsWith(
            "; spread over regions ap, eu (minGroups 2, maxGroups 2) and clusters ap1, eu1"
                + " (minGroups 2, maxGroups 2)");
    assertThat(placement.clusters().get(2))
        .isEqualTo(
            new ClusterDecision.FilteredOut(
                "eu2",
                "not chosen by spreadConstraints: spread over regions ap, eu (minGroups 2,"
                    + " maxGroups 2) and clusters ap1, eu1 (minGroups 2, maxGroups 2)"));
  }

  /**
   * "If you specify 10 clusters in clusterNames but want to ensure only 2 are actually selected".
   */
  @Test
  void aClusterConstraintBoundsHowManyOfTheNamedClustersAreSelected() {
    List<MemberState> ten = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ten.add(located("member" + i, null, null, null));
      names.add("member" + i);
    }
    PlacementRules rules =
        new PlacementRules(
            new ClusterAffinity(names, List.of(), null),
            List.of(),
            List.of(),
            ReplicaScheduling.DUPLICATED,
            List.of(spread(Field.cluster, 2, 2)));
    Placement placement = place(rules, service(), ten, null);
    assertThat(placement.selectedClusters()).containsExactly("member0", "member1");
    assertThat(placement.rule())
        .endsWith("; spread over clusters member0, member1 (minGroups 2, maxGroups 2)");
  }

  /** The case: region minGroups 2 places the template across two regions. */
  @Test
  void regionMinGroups2PlacesAcrossTwoRegionsAndExplainSaysSo() {
    Placement placement = place(duplicated(spread(Field.region, 2, 0)), service(), WORLD, null);
    assertThat(placement.selectedClusters())
        .as("every cluster of the two regions, with no cluster constraint to bound them")
        .containsExactly("ap1", "eu1", "eu2");
    assertThat(placement.rule()).endsWith("; spread over regions ap, eu (minGroups 2)");
  }

  @Test
  void aSpreadThatCannotHoldPlacesNothingAndSaysWhy() {
    List<MemberState> oneRegion =
        List.of(
            located("eu1", "eu", null, null),
            located("eu2", "eu", null, null),
            located("x", null, null, null));
    Placement placement =
        place(
            duplicated(spread(Field.region, 2, 2), spread(Field.cluster, 2, 2)),
            service(),
            oneRegion,
            null);
    assertThat(placement.selectedClusters()).isEmpty();
    assertThat(placement.clusters())
        .extracting(ClusterDecision::reason)
        .containsOnly(
            "spreadConstraints cannot hold: only 1 regions have eligible clusters [eu], fewer than"
                + " spreadByField region minGroups 2");

    Placement tooFewClusters =
        place(duplicated(spread(Field.cluster, 3, 0)), service(), oneRegion.subList(0, 2), null);
    assertThat(tooFewClusters.selectedClusters()).isEmpty();
    assertThat(tooFewClusters.rule())
        .endsWith(
            "; spreadConstraints cannot hold: only 2 eligible clusters, fewer than spreadByField"
                + " cluster minGroups 3");
  }

  @Test
  void aClusterWithoutTheFieldBelongsToNoGroup() {
    List<MemberState> members =
        List.of(
            located("eu1", "eu", null, null),
            located("nowhere", null, null, null),
            located("us1", "us", null, null));
    Placement placement = place(duplicated(spread(Field.region, 1, 0)), service(), members, null);
    assertThat(placement.selectedClusters()).containsExactly("eu1");
    assertThat(placement.clusters().get(1).reason())
        .isEqualTo("its region is unknown: spreadByField region needs it");
  }

  @Test
  void zonesAndProvidersGroupClustersToo() {
    assertThat(
            place(
                    duplicated(spread(Field.zone, 3, 3), spread(Field.cluster, 3, 3)),
                    service(),
                    WORLD,
                    null)
                .selectedClusters())
        .containsExactly("ap1", "eu1", "eu2");
    Placement providers =
        place(
            duplicated(spread(Field.provider, 2, 2), spread(Field.cluster, 1, 3)),
            service(),
            WORLD,
            null);
    assertThat(providers.selectedClusters()).containsExactly("ap1", "eu1", "eu2");
    assertThat(providers.rule())
        .endsWith(
            "; spread over providers aws, gcp (minGroups 2, maxGroups 2) and clusters ap1, eu1,"
                + " eu2 (minGroups 1, maxGroups 3)");
  }

  @Test
  void dividedReplicasGoToTheClustersWithTheMostRoomWithinTheSpread() {
    List<MemberState> members =
        List.of(
            withRoom("a", "eu", 2),
            withRoom("b", "eu", 8),
            withRoom("c", "us", 4),
            withRoom("d", "us", 1));
    Placement placement =
        place(
            new PlacementRules(
                ClusterAffinity.ANY,
                List.of(),
                List.of(),
                new ReplicaScheduling.AvailableReplicas(),
                List.of(spread(Field.region, 2, 2), spread(Field.cluster, 2, 2))),
            deployment(6),
            members,
            null);
    assertThat(placement.selectedClusters()).containsExactly("b", "c");
    assertThat(List.of(placement.replicasOf("b").getAsInt(), placement.replicasOf("c").getAsInt()))
        .containsExactly(4, 2);
  }

  @Test
  void staticWeightsIgnoreSpreadConstraintsAsInKarmada() {
    Placement placement =
        place(
            new PlacementRules(
                ClusterAffinity.ANY,
                List.of(),
                List.of(),
                new ReplicaScheduling.StaticWeights(List.of()),
                List.of(spread(Field.cluster, 1, 1))),
            deployment(4),
            WORLD,
            null);
    assertThat(placement.selectedClusters()).hasSize(4);
    assertThat(placement.rule())
        .endsWith("; spreadConstraints do not apply to static weights, as in Karmada");
  }

  @Test
  void theSpreadOfTheLastDecisionIsKeptWhileItHoldsAndChosenAfreshWhenItDoesNot() {
    PlacementRules twoRegions = duplicated(spread(Field.region, 2, 2), spread(Field.cluster, 2, 2));
    List<MemberState> before =
        List.of(located("eu2", "eu", null, null), located("us1", "us", null, null));
    Placement first = place(twoRegions, service(), before, null);
    assertThat(first.selectedClusters()).containsExactly("eu2", "us1");

    List<MemberState> joined = new ArrayList<>(before);
    joined.add(located("ap1", "ap", null, null));
    joined.add(located("eu1", "eu", null, null));
    Placement kept = place(twoRegions, service(), sorted(joined), first);
    assertThat(kept.selectedClusters())
        .as("a fresh decision would take ap1 and eu1 first by name")
        .containsExactly("eu2", "us1");
    assertThat(kept.rule())
        .endsWith(
            "; spread over regions eu, us (minGroups 2, maxGroups 2) and clusters eu2, us1"
                + " (minGroups 2, maxGroups 2), kept from the last decision");

    List<MemberState> usEvicted =
        sorted(
            List.of(
                located("ap1", "ap", null, null),
                located("eu1", "eu", null, null),
                located("eu2", "eu", null, null),
                new MemberState(
                    "us1",
                    Map.of(),
                    true,
                    true,
                    null,
                    "us",
                    null,
                    List.of(new Taint("failing", null, Taint.Effect.NoExecute)),
                    Optional.empty())));
    Placement afresh = place(twoRegions, service(), usEvicted, kept);
    assertThat(afresh.selectedClusters())
        .as("eu2 stays, ap1 replaces us1")
        .containsExactly("ap1", "eu2");
    assertThat(afresh.rule())
        .contains("; the clusters of the last decision no longer hold the spread, chosen afresh: ");
  }

  @Test
  void whenNoSpreadCanHoldAnyMoreTheEligibleClustersOfTheLastDecisionKeepTheTemplate() {
    PlacementRules twoRegions = duplicated(spread(Field.region, 2, 2), spread(Field.cluster, 2, 2));
    List<MemberState> before =
        List.of(located("eu1", "eu", null, null), located("us1", "us", null, null));
    Placement first = place(twoRegions, service(), before, null);
    assertThat(first.selectedClusters()).containsExactly("eu1", "us1");

    List<MemberState> usLeft =
        List.of(located("eu1", "eu", null, null), located("eu2", "eu", null, null));
    Placement next = place(twoRegions, service(), usLeft, first);
    assertThat(next.selectedClusters()).containsExactly("eu1");
    assertThat(next.rule())
        .contains(
            "; spreadConstraints cannot hold: only 1 regions have eligible clusters [eu], fewer"
                + " than spreadByField region minGroups 2; the clusters of the last decision still"
                + " eligible (eu1) keep the template")
        .endsWith("; placed last time in us1, which left the fleet");
    assertThat(place(twoRegions, service(), usLeft, null).selectedClusters())
        .as("a first decision places nothing")
        .isEmpty();
  }

  @Test
  void rulesRefuseTwoConstraintsByOneFieldOrByTwoGroupingFields() {
    assertThatThrownBy(() -> duplicated(spread(Field.cluster, 1, 0), spread(Field.cluster, 2, 0)))
        .hasMessage("more than one spread constraint by cluster");
    assertThatThrownBy(() -> duplicated(spread(Field.region, 1, 0), spread(Field.zone, 1, 0)))
        .hasMessageStartingWith("spread constraints by more than one of");
    assertThatThrownBy(() -> spread(Field.region, 3, 2))
        .hasMessage("maxGroups 2 is below minGroups 3");
  }

  private static Placement place(
      PlacementRules rules, TemplateRef template, List<MemberState> members, Placement previous) {
    ResourceSelector selector =
        new ResourceSelector(template.apiVersion(), template.key().kind(), null, null, null);
    return Scheduler.place(
        template,
        List.of(new PlacementPolicy(POLICY, 0, List.of(selector), rules)),
        members,
        new DecisionContext(
            GENERATIONS, Optional.ofNullable(previous).map(PreviousPlacement::of), Map.of(), NOW));
  }

  private static PlacementRules duplicated(SpreadConstraint... constraints) {
    return new PlacementRules(
        ClusterAffinity.ANY,
        List.of(),
        List.of(),
        ReplicaScheduling.DUPLICATED,
        List.of(constraints));
  }

  private static SpreadConstraint spread(Field field, int min, int max) {
    return new SpreadConstraint(field, min, max);
  }

  private static List<MemberState> sorted(List<MemberState> members) {
    return members.stream().sorted(java.util.Comparator.comparing(MemberState::name)).toList();
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

  private static MemberState located(String name, String region, String zone, String provider) {
    return new MemberState(
        name, Map.of(), true, true, provider, region, zone, List.of(), Optional.empty());
  }

  /** A cluster in a region with room for this many replicas of one core each. */
  private static MemberState withRoom(String name, String region, int replicas) {
    return new MemberState(
        name,
        Map.of(),
        true,
        true,
        null,
        region,
        null,
        List.of(),
        Optional.of(new Capacity(replicas * 1000L + 500, 1L << 30, 0, 0)));
  }
}
