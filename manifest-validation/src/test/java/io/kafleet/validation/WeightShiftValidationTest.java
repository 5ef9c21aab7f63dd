package io.kafleet.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.validation.RouteSelector.ByIndex;
import io.kafleet.validation.RouteSelector.ByName;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The podinfo-blue-green scenario: one unnamed http route, DestinationRule subsets blue/green. */
class WeightShiftValidationTest {

  private static final KnownRoutes ONE_UNNAMED_ROUTE =
      new KnownRoutes(Arrays.asList((String) null));
  private static final KnownSubsets PODINFO_SUBSETS =
      new KnownSubsets("podinfo", Set.of("green", "blue"));

  @Test
  void greenEightyBlueTwentyIsValid() {
    RouteShift shift =
        RouteShift.of("podinfo", new ByIndex(0), WeightsParser.parse("green=80,blue=20"));

    ValidationResult seen = validate(shift);

    assertThat(seen)
        .as("80/20 shift, expected Valid, seen %s", seen)
        .isEqualTo(new ValidationResult.Valid());
  }

  @Test
  void allTrafficToOneSubsetIsValid() {
    RouteShift shift = shift(new ByIndex(0), "blue=100,green=0");
    ValidationResult seen = validate(shift);
    assertThat(seen)
        .as("100/0 shift, expected Valid, seen %s", seen)
        .isInstanceOf(ValidationResult.Valid.class);
  }

  @Test
  void weightsSummingToNinetyAreRejected() {
    assertViolations(
        validate(shift(new ByIndex(0), "green=70,blue=20")),
        new Violation("weights", "weights sum to 90, not 100"));
  }

  @Test
  void aNegativeWeightIsRejectedEvenWhenTheSumIsHundred() {
    assertViolations(
        validate(shift(new ByIndex(0), "green=110,blue=-10")),
        new Violation("weights[0].weight", "weight 110 for subset \"green\" is not in 0..100"),
        new Violation("weights[1].weight", "weight -10 for subset \"blue\" is not in 0..100"));
  }

  @Test
  void anUnknownSubsetIsRejectedListingTheKnownOnes() {
    assertViolations(
        validate(shift(new ByIndex(0), "green=80,purple=20")),
        new Violation(
            "weights[1].subset",
            "subset \"purple\" is not in DestinationRule podinfo (known: blue, green)"));
  }

  @Test
  void aSubsetOfADestinationRuleWithoutSubsetsIsRejected() {
    ValidationResult seen =
        WeightShiftValidation.validate(
            shift(new ByIndex(0), "green=100"),
            ONE_UNNAMED_ROUTE,
            new KnownSubsets("podinfo", Set.of()));
    assertViolations(
        seen,
        new Violation(
            "weights[0].subset",
            "subset \"green\" is not in DestinationRule podinfo (it defines no subsets)"));
  }

  @Test
  void aSubsetNamedTwiceIsRejected() {
    RouteShift shift =
        new RouteShift(
            "podinfo",
            new ByIndex(0),
            List.of(
                new SubsetWeight("green", 50),
                new SubsetWeight("blue", 20),
                new SubsetWeight("green", 30)));
    assertViolations(
        validate(shift),
        new Violation(
            "weights[2].subset", "subset \"green\" is named twice (weights[0] and weights[2])"));
  }

  @Test
  void anEmptySubsetNameIsRejected() {
    RouteShift shift =
        new RouteShift(
            "podinfo",
            new ByIndex(0),
            List.of(new SubsetWeight(" ", 20), new SubsetWeight("green", 80)));
    assertViolations(validate(shift), new Violation("weights[0].subset", "subset name is empty"));
  }

  @Test
  void noWeightsAtAllIsRejected() {
    assertViolations(
        validate(new RouteShift("podinfo", new ByIndex(0), List.of())),
        new Violation("weights", "no weights given; expected at least one subset=weight"));
  }

  @Test
  void aRouteIndexPastTheLastRouteIsRejected() {
    assertViolations(
        validate(shift(new ByIndex(1), "green=80,blue=20")),
        new Violation(
            "route.index",
            "route index 1 is out of range: VirtualService podinfo has 1 http route (index 0)"));
  }

  @Test
  void aNegativeRouteIndexIsRejected() {
    KnownRoutes threeRoutes = new KnownRoutes(Arrays.asList("api", null, "static"));
    ValidationResult seen =
        WeightShiftValidation.validate(
            shift(new ByIndex(-1), "green=80,blue=20"), threeRoutes, PODINFO_SUBSETS);
    assertViolations(
        seen,
        new Violation(
            "route.index",
            "route index -1 is out of range: VirtualService podinfo has 3 http routes (indices 0..2)"));
  }

  @Test
  void aVirtualServiceWithoutHttpRoutesHasNoValidIndex() {
    ValidationResult seen =
        WeightShiftValidation.validate(
            shift(new ByIndex(0), "green=80,blue=20"), new KnownRoutes(List.of()), PODINFO_SUBSETS);
    assertViolations(
        seen,
        new Violation(
            "route.index",
            "route index 0 is out of range: VirtualService podinfo has no http routes"));
  }

  @Test
  void aRouteSelectedByAnExistingNameIsValid() {
    KnownRoutes routes = new KnownRoutes(Arrays.asList("api", null, "web"));
    ValidationResult seen =
        WeightShiftValidation.validate(
            shift(new ByName("web"), "green=80,blue=20"), routes, PODINFO_SUBSETS);
    assertThat(seen)
        .as("route by name, expected Valid, seen %s", seen)
        .isInstanceOf(ValidationResult.Valid.class);
  }

  @Test
  void anUnknownRouteNameIsRejectedListingTheNamedRoutes() {
    KnownRoutes routes = new KnownRoutes(Arrays.asList("api", null, "web"));
    ValidationResult seen =
        WeightShiftValidation.validate(
            shift(new ByName("canary"), "green=80,blue=20"), routes, PODINFO_SUBSETS);
    assertViolations(
        seen,
        new Violation(
            "route.name",
            "route \"canary\" is not in VirtualService podinfo (named routes: api, web)"));
  }

  @Test
  void aRouteNameIsRejectedWhenNoRouteHasAName() {
    assertViolations(
        validate(shift(new ByName("primary"), "green=80,blue=20")),
        new Violation(
            "route.name",
            "route \"primary\" is not in VirtualService podinfo (it has no named routes)"));
  }

  @Test
  void aRouteNameSharedByTwoRoutesIsRejectedAsAmbiguous() {
    KnownRoutes routes = new KnownRoutes(Arrays.asList("web", "api", "web"));
    ValidationResult seen =
        WeightShiftValidation.validate(
            shift(new ByName("web"), "green=80,blue=20"), routes, PODINFO_SUBSETS);
    assertViolations(
        seen,
        new Violation(
            "route.name",
            "route name \"web\" matches http routes 0, 2 of VirtualService podinfo;"
                + " select the route by index instead"));
  }

  @Test
  void anEmptyVirtualServiceNameIsRejected() {
    RouteShift shift =
        new RouteShift(" ", new ByIndex(0), shift(new ByIndex(0), "green=100").weights());
    assertViolations(
        validate(shift), new Violation("virtualService", "VirtualService name is empty"));
  }

  @Test
  void everyViolationIsReportedAtOnce() {
    RouteShift shift =
        new RouteShift(
            "podinfo",
            new ByIndex(4),
            List.of(
                new SubsetWeight("green", 70),
                new SubsetWeight("purple", -10),
                new SubsetWeight("green", 10)));
    assertViolations(
        validate(shift),
        new Violation(
            "route.index",
            "route index 4 is out of range: VirtualService podinfo has 1 http route (index 0)"),
        new Violation("weights[1].weight", "weight -10 for subset \"purple\" is not in 0..100"),
        new Violation(
            "weights[1].subset",
            "subset \"purple\" is not in DestinationRule podinfo (known: blue, green)"),
        new Violation(
            "weights[2].subset", "subset \"green\" is named twice (weights[0] and weights[2])"),
        new Violation("weights", "weights sum to 70, not 100"));
  }

  private static RouteShift shift(RouteSelector route, String weights) {
    Map<String, Integer> parsed = WeightsParser.parse(weights);
    return RouteShift.of("podinfo", route, parsed);
  }

  private static ValidationResult validate(RouteShift shift) {
    return WeightShiftValidation.validate(shift, ONE_UNNAMED_ROUTE, PODINFO_SUBSETS);
  }

  private static void assertViolations(ValidationResult seen, Violation... expected) {
    assertThat(seen)
        .as("expected Rejected with %s%n seen %s", List.of(expected), seen)
        .isInstanceOf(ValidationResult.Rejected.class);
    List<Violation> violations = ((ValidationResult.Rejected) seen).violations();
    assertThat(violations)
        .as("violations, expected %s%n seen %s", List.of(expected), violations)
        .containsExactly(expected);
  }
}
