package io.kafleet.placement.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.schemas.ObjectKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulerTest {

  private static final List<MemberState> MEMBERS =
      List.of(
          new MemberState("member1", Map.of("region", "hangzhou"), true, true),
          new MemberState("member2", Map.of("region", "beijing"), true, true));

  /** The bookinfo scenario's five PropagationPolicies, as ../shared/scenarios states them. */
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
}
