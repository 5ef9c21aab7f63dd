package io.kafleet.traffic.shifts;

import static io.kafleet.traffic.shifts.Podinfo.VS;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.DestinationWeight;
import io.kafleet.events.HeaderMatch;
import io.kafleet.events.StringMatch;
import io.kafleet.events.TestRoute;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.traffic.PodinfoDocuments;
import io.kafleet.traffic.fleet.FleetView;
import io.kafleet.validation.RouteSelector;
import io.kafleet.validation.SubsetWeight;
import io.kafleet.validation.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShiftPlanningTest {

  private static final HeaderMatch CANARY =
      new HeaderMatch(Map.of("x-canary", new StringMatch("true", null, null)));

  private final FleetView fleet = Podinfo.fleet();

  @Test
  void greenEightyBlueTwentyGoesToBothClustersWithTheRoutesHostAndPort() {
    Plan seen = ShiftPlanning.plan(request("podinfo", 0, List.of()), fleet);
    assertThat(seen).as("plan %s", seen).isInstanceOf(Plan.Accepted.class);
    Plan.Accepted accepted = (Plan.Accepted) seen;
    assertThat(accepted.virtualService()).isEqualTo(VS);
    assertThat(accepted.generation()).isEqualTo(1);
    assertThat(accepted.targets()).containsExactly("member1", "member2");
    assertThat(accepted.requested().getRouteIndex()).isZero();
    assertThat(accepted.requested().getDestinations())
        .containsExactly(
            new DestinationWeight("podinfo", "green", 80, 80),
            new DestinationWeight("podinfo", "blue", 80, 20));
  }

  @Test
  void namedClustersAreTheTargets() {
    Plan seen = ShiftPlanning.plan(request("podinfo", 0, List.of("member2")), fleet);
    assertThat(((Plan.Accepted) seen).targets()).containsExactly("member2");
  }

  @Test
  void aClusterThatDoesNotHoldTheVirtualServiceIsRejected() {
    assertRejected(
        request("podinfo", 0, List.of("member1", "member3")),
        new Violation(
            "clusters[1]",
            "VirtualService default/podinfo is not placed in cluster member3 (it is in: member1, member2)"));
  }

  @Test
  void anUnknownVirtualServiceIsRejected() {
    assertRejected(
        request("nginx", 0, List.of()),
        new Violation(
            "virtualService",
            "VirtualService default/nginx is not a fleet template (apply it first)"));
  }

  @Test
  void aRouteIndexOutOfRangeIsRejected() {
    assertRejected(
        request("podinfo", 1, List.of()),
        new Violation(
            "route.index",
            "route index 1 is out of range: VirtualService default/podinfo has 1 http route (index 0)"));
  }

  @Test
  void weightsSummingToNinetyAreRejected() {
    assertRejected(
        withWeights(new SubsetWeight("green", 70), new SubsetWeight("blue", 20)),
        new Violation("weights", "weights sum to 90, not 100"));
  }

  @Test
  void aNegativeWeightIsRejectedNamingTheSubset() {
    assertRejected(
        withWeights(new SubsetWeight("green", 110), new SubsetWeight("blue", -10)),
        new Violation("weights.green", "weight 110 for subset \"green\" is not in 0..100"),
        new Violation("weights.blue", "weight -10 for subset \"blue\" is not in 0..100"));
  }

  @Test
  void anUnknownSubsetIsRejected() {
    assertRejected(
        withWeights(new SubsetWeight("green", 80), new SubsetWeight("purple", 20)),
        new Violation(
            "weights.purple",
            "subset \"purple\" is not in DestinationRule default/podinfo (known: blue, green)"));
  }

  @Test
  void aHostWithoutServiceOrDestinationRuleIsRejected() {
    fleet.putTemplate(new ObjectKey("core", "Service", "default", "podinfo"), null);
    fleet.putTemplate(
        new ObjectKey("networking.istio.io", "DestinationRule", "default", "podinfo"), null);
    assertRejected(
        request("podinfo", 0, List.of()),
        new Violation(
            "virtualService",
            "destination host podinfo (podinfo.default.svc.cluster.local) is not a Service known to the fleet"),
        new Violation(
            "virtualService",
            "no DestinationRule for host podinfo (podinfo.default.svc.cluster.local) is a fleet template,"
                + " so its subsets are unknown"));
  }

  @Test
  void aVirtualServiceInNoClusterIsRejected() {
    fleet.putWork("member1", VS, null);
    fleet.putWork("member2", VS, null);
    assertRejected(
        request("podinfo", 0, List.of()),
        new Violation(
            "virtualService",
            "VirtualService default/podinfo is not placed in any cluster yet: nothing would take the shift"));
  }

  @Test
  void aTestRouteToASubsetOfTheRoutesHostIsAccepted() {
    Plan seen = ShiftPlanning.plan(withTestRoute(new TestRoute("green", List.of(CANARY))), fleet);
    assertThat(seen).as("plan %s", seen).isInstanceOf(Plan.Accepted.class);
  }

  @Test
  void aTestRouteToASubsetTheDestinationRuleLacksIsRejected() {
    assertRejected(
        withTestRoute(new TestRoute("purple", List.of(CANARY))),
        new Violation(
            "testRoute.subset",
            "subset \"purple\" is not in DestinationRule default/podinfo (known: blue, green)"));
  }

  @Test
  void aTestRouteMustMatchByHeadersEachByExactlyOneWay() {
    assertRejected(
        withTestRoute(new TestRoute("green", List.of())),
        new Violation(
            "testRoute.matches",
            "no header match given: without one the test route would take every request of the"
                + " route"));
    assertRejected(
        withTestRoute(
            new TestRoute(
                "green",
                List.of(
                    CANARY,
                    new HeaderMatch(Map.of()),
                    new HeaderMatch(
                        Map.of(
                            "x-user", new StringMatch("a", "b", null),
                            "x-team", new StringMatch(null, null, null)))))),
        new Violation(
            "testRoute.matches[1].headers",
            "no header given: an empty match selects every request"),
        new Violation(
            "testRoute.matches[2].headers.x-team",
            "must set exactly one of exact, prefix and regex; it sets none"),
        new Violation(
            "testRoute.matches[2].headers.x-user",
            "must set exactly one of exact, prefix and regex; it sets exact and prefix"));
  }

  @Test
  void routeIndexesCountTheUsersRoutesWhenTheTemplateHoldsATestRoute() {
    String withTestRoute =
        PodinfoDocuments.BLUE.replace(
            "\"http\":[",
            "\"http\":[{\"name\":\"kafleet-test-route\","
                + "\"route\":[{\"destination\":{\"host\":\"podinfo\",\"subset\":\"green\"}}]},");
    assertThat(withTestRoute).isNotEqualTo(PodinfoDocuments.BLUE);
    fleet.putTemplate(VS, Podinfo.template(2, withTestRoute, "alice (shift s1)"));

    Plan seen = ShiftPlanning.plan(request("podinfo", 0, List.of()), fleet);
    assertThat(seen).as("plan %s", seen).isInstanceOf(Plan.Accepted.class);
    assertThat(((Plan.Accepted) seen).requested().getDestinations())
        .as("the user's route 0, with its port")
        .containsExactly(
            new DestinationWeight("podinfo", "green", 80, 80),
            new DestinationWeight("podinfo", "blue", 80, 20));
    assertRejected(
        request("podinfo", 1, List.of()),
        new Violation(
            "route.index",
            "route index 1 is out of range: VirtualService default/podinfo has 1 http route (index 0)"));
  }

  private static ShiftRequest withTestRoute(TestRoute testRoute) {
    return new ShiftRequest(
        "default",
        "podinfo",
        new RouteSelector.ByIndex(0),
        List.of(new SubsetWeight("green", 80), new SubsetWeight("blue", 20)),
        testRoute,
        List.of(),
        "alice",
        null,
        null,
        null);
  }

  private static ShiftRequest request(String name, int route, List<String> clusters) {
    return new ShiftRequest(
        "default",
        name,
        new RouteSelector.ByIndex(route),
        List.of(new SubsetWeight("green", 80), new SubsetWeight("blue", 20)),
        null,
        clusters,
        "alice",
        null,
        null,
        null);
  }

  private static ShiftRequest withWeights(SubsetWeight... weights) {
    return new ShiftRequest(
        "default",
        "podinfo",
        new RouteSelector.ByIndex(0),
        List.of(weights),
        null,
        List.of(),
        "alice",
        null,
        null,
        null);
  }

  private void assertRejected(ShiftRequest request, Violation... expected) {
    Plan seen = ShiftPlanning.plan(request, fleet);
    assertThat(seen).as("plan %s", seen).isInstanceOf(Plan.Rejected.class);
    assertThat(((Plan.Rejected) seen).violations()).containsExactly(expected);
  }
}
