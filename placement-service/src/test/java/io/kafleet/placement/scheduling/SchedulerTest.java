package io.kafleet.placement.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.placement.scheduling.Requirement.Operator;
import io.kafleet.schemas.ObjectKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SchedulerTest {

  private static final List<MemberState> MEMBERS =
      List.of(
          new MemberState("member1", Map.of("region", "hangzhou"), true, true),
          new MemberState("member2", Map.of("region", "beijing"), true, true));

  /** The bookinfo scenario's five PropagationPolicies, as examples/bookinfo states them. */
  private static final List<PlacementPolicy> BOOKINFO_POLICIES =
      List.of(
          policy(
              "service-propagation",
              affinity(List.of("member1", "member2"), List.of()),
              byName("v1", "Service", "productpage"),
              byName("v1", "Service", "details"),
              byName("v1", "Service", "reviews"),
              byName("v1", "Service", "ratings")),
          policy(
              "produtpage-propagation",
              affinity(List.of("member1"), List.of()),
              byName("apps/v1", "Deployment", "productpage-v1"),
              byName("v1", "ServiceAccount", "bookinfo-productpage")),
          policy(
              "details-propagation",
              affinity(List.of("member2"), List.of()),
              byName("apps/v1", "Deployment", "details-v1"),
              byName("v1", "ServiceAccount", "bookinfo-details")),
          policy(
              "reviews-propagation",
              affinity(List.of("member1", "member2"), List.of()),
              byName("apps/v1", "Deployment", "reviews-v1"),
              byName("apps/v1", "Deployment", "reviews-v2"),
              byName("apps/v1", "Deployment", "reviews-v3"),
              byName("v1", "ServiceAccount", "bookinfo-reviews")),
          policy(
              "ratings-propagation",
              affinity(List.of(), List.of("member1")),
              byName("apps/v1", "Deployment", "ratings-v1"),
              byName("v1", "ServiceAccount", "bookinfo-ratings")));

  @Test
  void placesBookinfoAsTheScenarioTableSays() {
    assertThat(clustersOf(template("apps/v1", "Deployment", "productpage-v1")))
        .containsExactly("member1");
    assertThat(clustersOf(template("apps/v1", "Deployment", "details-v1")))
        .containsExactly("member2");
    assertThat(clustersOf(template("apps/v1", "Deployment", "ratings-v1")))
        .as("ratings-propagation excludes member1")
        .containsExactly("member2");
    for (String reviews : List.of("reviews-v1", "reviews-v2", "reviews-v3")) {
      assertThat(clustersOf(template("apps/v1", "Deployment", reviews)))
          .as(reviews)
          .containsExactly("member1", "member2");
    }
    for (String service : List.of("productpage", "details", "reviews", "ratings")) {
      assertThat(clustersOf(template("v1", "Service", service)))
          .as("Service " + service)
          .containsExactly("member1", "member2");
    }
    assertThat(clustersOf(template("v1", "ServiceAccount", "bookinfo-details")))
        .as("ServiceAccounts follow their Deployments")
        .containsExactly("member2");
  }

  @Test
  void istioTrafficRulesGoEverywhereByDefaultAndOtherUnselectedObjectsNowhere() {
    Placement gateway =
        place(template("networking.istio.io/v1alpha3", "Gateway", "bookinfo-gateway"));
    assertThat(gateway.selectedClusters()).containsExactly("member1", "member2");
    assertThat(gateway.policy()).isEmpty();
    assertThat(gateway.rule()).contains("Istio traffic rules");

    Placement configMap = place(template("v1", "ConfigMap", "unselected"));
    assertThat(configMap.selectedClusters()).isEmpty();
    assertThat(configMap.rule()).contains("stays in the control plane");
  }

  @Test
  void explainsWhyEachClusterIsInOrOut() {
    Placement ratings = place(template("apps/v1", "Deployment", "ratings-v1"));
    assertThat(ratings.policy()).contains(key("ratings-propagation"));
    assertThat(ratings.clusters())
        .containsExactly(
            new ClusterDecision.FilteredOut("member1", "in clusterAffinity.exclude [member1]"),
            new ClusterDecision.Selected("member2", "matches clusterAffinity"));
  }

  @Test
  void aClusterThatIsNotReadyOrNotAcceptedGetsNothing() {
    List<MemberState> members =
        List.of(
            new MemberState("member1", Map.of(), true, false),
            new MemberState("member2", Map.of(), false, true),
            new MemberState("member3", Map.of(), true, true));
    Placement placement =
        Scheduler.place(
            template("networking.istio.io/v1alpha3", "VirtualService", "bookinfo"),
            List.of(),
            members);
    assertThat(placement.selectedClusters()).containsExactly("member3");
    assertThat(placement.clusters())
        .extracting(ClusterDecision::reason)
        .containsExactly("not ready", "not accepted into the fleet", "accepted and ready");
  }

  @Test
  void aNameMatchWinsOverALabelMatchWhateverThePriority() {
    TemplateRef reviews =
        new TemplateRef(
            ObjectKey.of("apps/v1", "Deployment", "default", "reviews-v1"),
            "apps/v1",
            Map.of("app", "reviews"));
    PlacementPolicy byLabel =
        new PlacementPolicy(
            key("by-label"),
            100,
            List.of(
                new ResourceSelector(
                    "apps/v1",
                    "Deployment",
                    null,
                    null,
                    new LabelSelector(Map.of("app", "reviews")))),
            affinity(List.of("member2"), List.of()));
    PlacementPolicy byName =
        policy(
            "by-name",
            affinity(List.of("member1"), List.of()),
            byName("apps/v1", "Deployment", "reviews-v1"));

    Placement placement = Scheduler.place(reviews, List.of(byLabel, byName), MEMBERS);
    assertThat(placement.policy()).contains(key("by-name"));
    assertThat(placement.passedOver())
        .containsExactly(
            "policy.karmada.io/PropagationPolicy/default/by-label: selects it by label selector,"
                + " less specific than name");
  }

  @Test
  void withEqualSpecificityHigherPriorityThenThePropagationPolicyThenTheNameWins() {
    ResourceSelector allDeployments =
        new ResourceSelector("apps/v1", "Deployment", null, null, null);
    PlacementPolicy low =
        new PlacementPolicy(key("a-low"), 0, List.of(allDeployments), ClusterAffinity.ANY);
    PlacementPolicy high =
        new PlacementPolicy(key("z-high"), 5, List.of(allDeployments), ClusterAffinity.ANY);
    PlacementPolicy clusterWide =
        new PlacementPolicy(
            new ObjectKey("policy.karmada.io", "ClusterPropagationPolicy", "_", "a-cluster-wide"),
            5,
            List.of(allDeployments),
            ClusterAffinity.ANY);
    TemplateRef deployment = template("apps/v1", "Deployment", "reviews-v1");

    assertThat(Scheduler.place(deployment, List.of(low, clusterWide, high), MEMBERS).policy())
        .contains(high.id());
    PlacementPolicy highTwin =
        new PlacementPolicy(key("m-high"), 5, List.of(allDeployments), ClusterAffinity.ANY);
    Placement tie = Scheduler.place(deployment, List.of(high, highTwin), MEMBERS);
    assertThat(tie.policy()).as("equal precedence: first by name").contains(highTwin.id());
  }

  @Test
  void aPropagationPolicySelectsOnlyInItsOwnNamespace() {
    TemplateRef elsewhere =
        new TemplateRef(ObjectKey.of("v1", "Service", "other", "details"), "v1", Map.of());
    assertThat(Scheduler.place(elsewhere, BOOKINFO_POLICIES, MEMBERS).policy()).isEmpty();
  }

  @Test
  void clusterLabelSelectorsFilterClusters() {
    PlacementPolicy hangzhouOnly =
        policy(
            "hangzhou",
            new ClusterAffinity(
                List.of(), List.of(), new LabelSelector(Map.of("region", "hangzhou"))),
            byName("v1", "Service", "details"));
    Placement placement =
        Scheduler.place(template("v1", "Service", "details"), List.of(hangzhouOnly), MEMBERS);
    assertThat(placement.selectedClusters()).containsExactly("member1");
    assertThat(placement.clusters().get(1).reason())
        .contains("do not match clusterAffinity.labelSelector");
  }

  @Test
  void aPolicyMayNameAClusterThatHasNotJoinedAndExplainSaysSo() {
    PlacementPolicy toMember3 =
        policy(
            "to-member3",
            affinity(List.of("member3"), List.of()),
            byName("v1", "Service", "details"));
    Placement placement =
        Scheduler.place(template("v1", "Service", "details"), List.of(toMember3), MEMBERS);
    assertThat(placement.selectedClusters())
        .as("no ready cluster matches: nothing is placed")
        .isEmpty();
    assertThat(placement.clusters())
        .containsExactly(
            new ClusterDecision.FilteredOut(
                "member1", "not in clusterAffinity.clusterNames [member3]"),
            new ClusterDecision.FilteredOut(
                "member2", "not in clusterAffinity.clusterNames [member3]"),
            new ClusterDecision.FilteredOut(
                "member3", "named in clusterAffinity.clusterNames but not in the fleet"));
  }

  @Test
  void clusterMatchExpressionsFilterWithKubernetesSemantics() {
    List<MemberState> members =
        List.of(
            new MemberState("a", Map.of("env", "prod", "gpu", "yes"), true, true),
            new MemberState("b", Map.of("env", "staging"), true, true),
            new MemberState("c", Map.of(), true, true));
    assertThat(selectedWith(members, new Requirement("env", Operator.In, List.of("prod"))))
        .containsExactly("a");
    assertThat(selectedWith(members, new Requirement("env", Operator.NotIn, List.of("prod"))))
        .as("NotIn also matches a cluster without the label")
        .containsExactly("b", "c");
    assertThat(selectedWith(members, new Requirement("gpu", Operator.Exists, List.of())))
        .containsExactly("a");
    assertThat(selectedWith(members, new Requirement("gpu", Operator.DoesNotExist, List.of())))
        .containsExactly("b", "c");

    Placement placement =
        place(
            List.of(new MemberState("a", Map.of("gpu", "yes"), true, true)),
            PlacementRules.of(
                new ClusterAffinity(
                    List.of(),
                    List.of(),
                    new LabelSelector(
                        Map.of("gpu", "yes"),
                        List.of(new Requirement("gpu", Operator.DoesNotExist, List.of()))))));
    assertThat(placement.selectedClusters()).as("matchLabels and matchExpressions both").isEmpty();
    assertThat(placement.clusters().get(0).reason())
        .isEqualTo(
            "labels {gpu=yes} do not match clusterAffinity.labelSelector {gpu=yes} and"
                + " [gpu DoesNotExist]");
  }

  @Test
  void resourceSelectorMatchExpressionsSelectTemplates() {
    ResourceSelector reviewsButNotV3 =
        new ResourceSelector(
            "apps/v1",
            "Deployment",
            null,
            null,
            new LabelSelector(
                Map.of(),
                List.of(
                    new Requirement("app", Operator.In, List.of("reviews")),
                    new Requirement("version", Operator.NotIn, List.of("v3")))));
    PlacementPolicy policy =
        new PlacementPolicy(key("reviews"), 0, List.of(reviewsButNotV3), ClusterAffinity.ANY);
    assertThat(
            Scheduler.place(labelled("reviews-v1", "reviews", "v1"), List.of(policy), MEMBERS)
                .policy())
        .contains(policy.id());
    assertThat(
            Scheduler.place(labelled("reviews-v3", "reviews", "v3"), List.of(policy), MEMBERS)
                .policy())
        .isEmpty();
    assertThat(
            Scheduler.place(labelled("ratings-v1", "ratings", "v1"), List.of(policy), MEMBERS)
                .policy())
        .isEmpty();
  }

  @Test
  void fieldSelectorsFilterOnProviderRegionAndZone() {
    List<MemberState> members =
        List.of(
            located("aws-east", "aws", "us-east-1", "us-east-1a"),
            located("aws-west", "aws", "us-west-1", "us-west-1b"),
            located("onprem", null, null, null));
    ClusterAffinity awsNotWest =
        new ClusterAffinity(
            List.of(),
            List.of(),
            null,
            List.of(
                new Requirement("provider", Operator.In, List.of("aws")),
                new Requirement("region", Operator.NotIn, List.of("us-west-1"))));
    Placement placement = place(members, PlacementRules.of(awsNotWest));
    assertThat(placement.selectedClusters()).containsExactly("aws-east");
    assertThat(placement.clusters())
        .extracting(ClusterDecision::reason)
        .containsExactly(
            "matches clusterAffinity",
            "fields {provider=aws, region=us-west-1, zone=us-west-1b} do not match"
                + " clusterAffinity.fieldSelector region NotIn [us-west-1]",
            "fields {} do not match clusterAffinity.fieldSelector provider In [aws]");

    ClusterAffinity zoneKnown =
        new ClusterAffinity(
            List.of(),
            List.of(),
            null,
            List.of(new Requirement("zone", Operator.Exists, List.of())));
    assertThat(place(members, PlacementRules.of(zoneKnown)).selectedClusters())
        .containsExactly("aws-east", "aws-west");
  }

  @Test
  void theFirstAffinityGroupWithAnEligibleClusterWins() {
    List<MemberState> members =
        List.of(
            new MemberState("local1", Map.of("site", "local"), true, false),
            new MemberState("cloud1", Map.of("site", "cloud"), true, true),
            new MemberState("cloud2", Map.of("site", "cloud"), true, true));
    PlacementRules localThenCloud =
        new PlacementRules(
            ClusterAffinity.ANY,
            List.of(
                new ClusterAffinityTerm("local", affinity(List.of("local1"), List.of())),
                new ClusterAffinityTerm(
                    "cloud", new ClusterAffinity(List.of(), List.of("cloud2"), site("cloud")))),
            List.of(),
            ReplicaScheduling.DUPLICATED);

    Placement placement = place(members, localThenCloud);
    assertThat(placement.selectedClusters()).containsExactly("cloud1");
    assertThat(placement.rule())
        .endsWith(
            "; placed by fallback group clusterAffinities[1] 'cloud' as no cluster is eligible in"
                + " clusterAffinities[0] 'local'");
    assertThat(placement.clusters())
        .containsExactly(
            new ClusterDecision.Selected(
                "cloud1",
                "matches clusterAffinities[1] 'cloud'; fallback group clusterAffinities[1] 'cloud'"
                    + " used as earlier groups have no eligible cluster (clusterAffinities[0]"
                    + " 'local': not in clusterAffinities[0].clusterNames [local1])"),
            new ClusterDecision.FilteredOut(
                "cloud2",
                "in clusterAffinities[1].exclude [cloud2]; fallback group clusterAffinities[1]"
                    + " 'cloud' used as earlier groups have no eligible cluster"
                    + " (clusterAffinities[0] 'local': not in clusterAffinities[0].clusterNames"
                    + " [local1])"),
            new ClusterDecision.FilteredOut(
                "local1",
                "not ready; fallback group clusterAffinities[1] 'cloud' used as earlier groups"
                    + " have no eligible cluster (clusterAffinities[0] 'local': not ready)"));

    List<MemberState> localReady =
        List.of(new MemberState("local1", Map.of(), true, true), members.get(1));
    Placement primary = place(localReady, localThenCloud);
    assertThat(primary.selectedClusters()).containsExactly("local1");
    assertThat(primary.rule()).endsWith("; placed by clusterAffinities[0] 'local'");
  }

  @Test
  void whenNoAffinityGroupHasAnEligibleClusterExplainGivesEachGroupsReason() {
    PlacementRules nowhere =
        new PlacementRules(
            ClusterAffinity.ANY,
            List.of(
                new ClusterAffinityTerm("first", affinity(List.of("member3"), List.of())),
                new ClusterAffinityTerm(
                    "second", new ClusterAffinity(List.of(), List.of(), site("x")))),
            List.of(),
            ReplicaScheduling.DUPLICATED);
    Placement placement = place(MEMBERS, nowhere);
    assertThat(placement.selectedClusters()).isEmpty();
    assertThat(placement.rule())
        .endsWith("; no group of clusterAffinities has an eligible cluster");
    assertThat(placement.clusters().get(0))
        .isEqualTo(
            new ClusterDecision.FilteredOut(
                "member1",
                "fallback group: no group of clusterAffinities has an eligible cluster"
                    + " (clusterAffinities[0] 'first': not in clusterAffinities[0].clusterNames"
                    + " [member3]; clusterAffinities[1] 'second': labels {region=hangzhou} do not"
                    + " match clusterAffinities[1].labelSelector {site=x})"));
    assertThat(placement.clusters().get(2))
        .isEqualTo(
            new ClusterDecision.FilteredOut(
                "member3", "named in clusterAffinities[0].clusterNames but not in the fleet"));
  }

  @Test
  void aTaintedClusterGetsOnlyWhatToleratesItsTaint() {
    Taint gpu = new Taint("dedicated", "gpu", Taint.Effect.NoSchedule);
    List<MemberState> members =
        List.of(
            tainted("plain"),
            tainted("gpu", gpu),
            tainted("draining", new Taint("drain", null, Taint.Effect.NoExecute)));

    Placement intolerant = place(members, PlacementRules.of(ClusterAffinity.ANY));
    assertThat(intolerant.selectedClusters()).containsExactly("plain");
    assertThat(intolerant.clusters())
        .extracting(ClusterDecision::reason)
        .containsExactly(
            "taint drain:NoExecute not tolerated by placement.clusterTolerations",
            "taint dedicated=gpu:NoSchedule not tolerated by placement.clusterTolerations",
            "accepted and ready");

    assertThat(
            selectedTolerating(
                members, new Toleration("dedicated", Toleration.Operator.Equal, "gpu", null)))
        .containsExactly("gpu", "plain");
    assertThat(
            selectedTolerating(
                members, new Toleration("dedicated", Toleration.Operator.Equal, "cpu", null)))
        .as("another value")
        .containsExactly("plain");
    assertThat(
            selectedTolerating(
                members,
                new Toleration(
                    "dedicated", Toleration.Operator.Exists, null, Taint.Effect.NoExecute)))
        .as("another effect")
        .containsExactly("plain");
    assertThat(
            selectedTolerating(
                members, new Toleration(null, Toleration.Operator.Exists, null, null)))
        .as("an empty key with Exists tolerates every taint")
        .containsExactly("draining", "gpu", "plain");

    Placement istio =
        Scheduler.place(
            template("networking.istio.io/v1beta1", "VirtualService", "reviews"),
            List.of(),
            members);
    assertThat(istio.selectedClusters())
        .as("default placement tolerates nothing")
        .containsExactly("plain");
  }

  /**
   * Karmada (v1.16 and later) divides by static weight with the Webster method, which here gives
   * the same as the floor-then-remainder rule of earlier versions: 7 * 1/3 = 2.33 and 7 * 2/3 =
   * 4.67, and the replica left over goes to the heavier cluster: 2 and 5.
   */
  @Test
  void weights1To2Of7ReplicasGive2And5() {
    Placement placement =
        place(
            MEMBERS,
            divided(
                new ReplicaScheduling.StaticWeights(
                    List.of(weight("member1", 1), weight("member2", 2)))),
            deployment(7, 0, 0));
    assertThat(placement.replicasOf("member1")).hasValue(2);
    assertThat(placement.replicasOf("member2")).hasValue(5);
    assertThat(placement.clusters())
        .extracting(ClusterDecision::reason)
        .containsExactly(
            "accepted and ready; 2 of 7 replicas (static weight 1 of 3)",
            "accepted and ready; 5 of 7 replicas (static weight 2 of 3)");
  }

  /**
   * Where Webster and the older rule differ, kafleet follows Webster: the example of Karmada issue
   * 6735 (weights 170:110:60, 5 replicas) gives 2, 2, 1 rather than 3, 2, 0.
   */
  @Test
  void staticWeightsAreApportionedByTheWebsterMethodAsInKarmada116() {
    List<MemberState> regions =
        List.of(
            new MemberState("eastus2", Map.of(), true, true),
            new MemberState("southcentralus", Map.of(), true, true),
            new MemberState("westus", Map.of(), true, true));
    Placement placement =
        place(
            regions,
            divided(
                new ReplicaScheduling.StaticWeights(
                    List.of(
                        weight("southcentralus", 170),
                        weight("westus", 110),
                        weight("eastus2", 60)))),
            deployment(5, 0, 0));
    assertThat(placement.replicasOf("southcentralus")).hasValue(2);
    assertThat(placement.replicasOf("westus")).hasValue(2);
    assertThat(placement.replicasOf("eastus2")).hasValue(1);

    Placement even =
        place(
            MEMBERS, divided(new ReplicaScheduling.StaticWeights(List.of())), deployment(5, 0, 0));
    assertThat(List.of(even.replicasOf("member1"), even.replicasOf("member2")))
        .as("no weights: alike; a tie goes to the first by name")
        .containsExactly(OptionalInt.of(3), OptionalInt.of(2));
  }

  @Test
  void aClusterWhoseShareIsZeroIsNotSelected() {
    Placement one =
        place(
            MEMBERS, divided(new ReplicaScheduling.StaticWeights(List.of())), deployment(1, 0, 0));
    assertThat(one.selectedClusters()).containsExactly("member1");
    assertThat(one.clusters().get(1))
        .isEqualTo(
            new ClusterDecision.FilteredOut("member2", "replica share 0 (static weight 1 of 2)"));

    Placement unweighted =
        place(
            MEMBERS,
            divided(new ReplicaScheduling.StaticWeights(List.of(weight("member2", 3)))),
            deployment(4, 0, 0));
    assertThat(unweighted.selectedClusters()).containsExactly("member2");
    assertThat(unweighted.replicasOf("member2")).hasValue(4);
    assertThat(unweighted.clusters().get(0).reason())
        .isEqualTo("replica share 0 (no staticWeightList entry matches it)");

    Placement noEntryMatches =
        place(
            MEMBERS,
            divided(new ReplicaScheduling.StaticWeights(List.of(weight("member9", 3)))),
            deployment(4, 0, 0));
    assertThat(noEntryMatches.selectedClusters())
        .as("as in Karmada, when no entry matches any cluster all weigh 1")
        .containsExactly("member1", "member2");
  }

  @Test
  void dynamicWeightsFollowTheReplicasEachClusterHasRoomFor() {
    List<MemberState> members =
        List.of(
            withRoom("big", 4000, 8L << 30),
            withRoom("small", 2000, 8L << 30),
            new MemberState("unknown", Map.of(), true, true));
    Placement placement =
        place(
            members,
            divided(new ReplicaScheduling.AvailableReplicas()),
            deployment(6, 500, 1L << 30));
    assertThat(placement.replicasOf("big")).as("room for 8").hasValue(4);
    assertThat(placement.replicasOf("small")).as("room for 4").hasValue(2);
    assertThat(placement.clusters())
        .extracting(ClusterDecision::reason)
        .containsExactly(
            "accepted and ready; 4 of 6 replicas (available replicas 8 of 12)",
            "accepted and ready; 2 of 6 replicas (available replicas 4 of 12)",
            "replica share 0 (available replicas 0: the cluster reported no capacity)");

    Placement tooBig =
        place(
            members,
            divided(new ReplicaScheduling.AvailableReplicas()),
            deployment(24, 500, 1L << 30));
    assertThat(List.of(tooBig.replicasOf("big"), tooBig.replicasOf("small")))
        .containsExactly(OptionalInt.of(16), OptionalInt.of(8));
    assertThat(tooBig.clusters().get(0).reason())
        .endsWith(
            "; the clusters have room for only 12 of 24 replicas, divided in proportion all the"
                + " same)");

    Placement requestsNothing =
        place(members, divided(new ReplicaScheduling.AvailableReplicas()), deployment(6, 0, 0));
    assertThat(List.of(requestsNothing.replicasOf("big"), requestsNothing.replicasOf("small")))
        .as("no requests: every cluster with capacity weighs alike")
        .containsExactly(OptionalInt.of(3), OptionalInt.of(3));
  }

  @Test
  void aggregatedUsesAsFewClustersAsHaveRoom() {
    List<MemberState> members =
        List.of(
            withRoom("a", 2000, 64L << 30),
            withRoom("b", 8000, 64L << 30),
            withRoom("c", 4000, 64L << 30));
    Placement five =
        place(members, divided(new ReplicaScheduling.Aggregated()), deployment(5, 1000, 0));
    assertThat(five.selectedClusters()).as("b alone has room for 8").containsExactly("b");
    assertThat(five.replicasOf("b")).hasValue(5);
    assertThat(five.clusters().get(0).reason())
        .isEqualTo(
            "replica share 0 (Aggregated: clusters with more available replicas hold all 5)");

    Placement ten =
        place(members, divided(new ReplicaScheduling.Aggregated()), deployment(10, 1000, 0));
    assertThat(ten.selectedClusters()).containsExactly("b", "c");
    assertThat(List.of(ten.replicasOf("b"), ten.replicasOf("c")))
        .as("divided by room, 8:4")
        .containsExactly(OptionalInt.of(7), OptionalInt.of(3));
  }

  @Test
  void dividedOnATemplateWithoutReplicasPlacesItWholeAndSaysSo() {
    Placement service =
        place(
            MEMBERS,
            divided(new ReplicaScheduling.StaticWeights(List.of())),
            template("v1", "Service", "details"));
    assertThat(service.selectedClusters()).containsExactly("member1", "member2");
    assertThat(service.replicasOf("member1")).isEmpty();
    assertThat(service.clusters().get(0).reason())
        .isEqualTo(
            "accepted and ready; replicaScheduling Divided does not apply: this Service has no"
                + " spec.replicas to divide, so it goes whole as with Duplicated");

    Placement duplicated =
        place(MEMBERS, PlacementRules.of(ClusterAffinity.ANY), deployment(7, 0, 0));
    assertThat(duplicated.selectedClusters()).containsExactly("member1", "member2");
    assertThat(duplicated.replicasOf("member2"))
        .as("Duplicated: the template as written")
        .isEmpty();
  }

  private static List<String> clustersOf(TemplateRef template) {
    return place(template).selectedClusters();
  }

  private static Placement place(TemplateRef template) {
    return Scheduler.place(template, BOOKINFO_POLICIES, MEMBERS);
  }

  private static TemplateRef template(String apiVersion, String kind, String name) {
    return new TemplateRef(ObjectKey.of(apiVersion, kind, "default", name), apiVersion, Map.of());
  }

  private static ResourceSelector byName(String apiVersion, String kind, String name) {
    return new ResourceSelector(apiVersion, kind, null, name, null);
  }

  private static ClusterAffinity affinity(List<String> names, List<String> exclude) {
    return new ClusterAffinity(names, exclude, null);
  }

  private static ObjectKey key(String name) {
    return new ObjectKey("policy.karmada.io", "PropagationPolicy", "default", name);
  }

  private static PlacementPolicy policy(
      String name, ClusterAffinity affinity, ResourceSelector... selectors) {
    return new PlacementPolicy(key(name), 0, List.of(selectors), affinity);
  }

  private static Placement place(List<MemberState> members, PlacementRules rules) {
    return place(members, rules, template("v1", "Service", "details"));
  }

  private static Placement place(
      List<MemberState> members, PlacementRules rules, TemplateRef template) {
    ResourceSelector selector =
        new ResourceSelector(template.apiVersion(), template.key().kind(), null, null, null);
    return Scheduler.place(
        template, List.of(new PlacementPolicy(key("p"), 0, List.of(selector), rules)), members);
  }

  private static List<String> selectedWith(List<MemberState> members, Requirement requirement) {
    return place(
            members,
            PlacementRules.of(
                new ClusterAffinity(
                    List.of(), List.of(), new LabelSelector(Map.of(), List.of(requirement)))))
        .selectedClusters();
  }

  private static List<String> selectedTolerating(List<MemberState> members, Toleration toleration) {
    return place(
            members,
            new PlacementRules(
                ClusterAffinity.ANY, List.of(), List.of(toleration), ReplicaScheduling.DUPLICATED))
        .selectedClusters();
  }

  private static PlacementRules divided(ReplicaScheduling scheduling) {
    return new PlacementRules(ClusterAffinity.ANY, List.of(), List.of(), scheduling);
  }

  private static StaticWeight weight(String cluster, int weight) {
    return new StaticWeight(affinity(List.of(cluster), List.of()), weight);
  }

  private static TemplateRef deployment(int replicas, long cpuMillisEach, long memoryBytesEach) {
    return new TemplateRef(
        ObjectKey.of("apps/v1", "Deployment", "default", "web"),
        "apps/v1",
        Map.of(),
        Optional.of(new Replicas(replicas, cpuMillisEach, memoryBytesEach)));
  }

  private static TemplateRef labelled(String name, String app, String version) {
    return new TemplateRef(
        ObjectKey.of("apps/v1", "Deployment", "default", name),
        "apps/v1",
        Map.of("app", app, "version", version));
  }

  private static LabelSelector site(String site) {
    return new LabelSelector(Map.of("site", site));
  }

  private static MemberState located(String name, String provider, String region, String zone) {
    return new MemberState(
        name, Map.of(), true, true, provider, region, zone, List.of(), Optional.empty());
  }

  private static MemberState tainted(String name, Taint... taints) {
    return new MemberState(
        name, Map.of(), true, true, null, null, null, List.of(taints), Optional.empty());
  }

  /** A cluster with this much CPU and memory free, 1 core and 1 GiB of it already taken. */
  private static MemberState withRoom(String name, long freeCpuMillis, long freeMemoryBytes) {
    return new MemberState(
        name,
        Map.of(),
        true,
        true,
        null,
        null,
        null,
        List.of(),
        Optional.of(
            new Capacity(freeCpuMillis + 1000, freeMemoryBytes + (1L << 30), 1000, 1L << 30)));
  }
}
