package io.kafleet.validation;

import static io.kafleet.validation.SingleQuotedJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class VirtualServiceValidationTest {

  private static final JsonNode REVIEWS_RULE =
      json(
          "{'apiVersion':'networking.istio.io/v1','kind':'DestinationRule','metadata':{'name':"
              + "'reviews'},'spec':{'host':'reviews','subsets':[{'name':'v1'},{'name':'v2'},"
              + "{'name':'v3'}]}}");
  private static final DestinationRuleCatalog FLEET =
      DestinationRuleCatalog.of(List.of(REVIEWS_RULE));
  private static final DestinationRuleCatalog NO_RULES = DestinationRuleCatalog.of(List.of());

  private static JsonNode reviews(String route) {
    return json(
        "{'apiVersion':'networking.istio.io/v1','kind':'VirtualService','metadata':{'name':"
            + "'reviews'},'spec':{'hosts':['reviews'],'http':[{'route':"
            + route
            + "}]}}");
  }

  private static String to(String subset, Integer weight) {
    return "{'destination':{'host':'reviews','subset':'"
        + subset
        + "'}"
        + (weight == null ? "" : ",'weight':" + weight)
        + "}";
  }

  @Test
  void weightsSummingTo100OverKnownSubsetsAreSound() {
    assertThat(
            VirtualServiceValidation.validate(
                reviews("[" + to("v1", 50) + "," + to("v3", 50) + "]"), FLEET))
        .isEmpty();
    assertThat(VirtualServiceValidation.validate(reviews("[" + to("v1", null) + "]"), FLEET))
        .isEmpty();
  }

  @Test
  void weightsThatDoNotSumTo100AreRefusedAtTheRoute() {
    List<Violation> violations =
        VirtualServiceValidation.validate(
            reviews("[" + to("v1", 50) + "," + to("v2", 40) + "]"), FLEET);
    assertThat(violations)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("spec.http[0].route");
              assertThat(v.message())
                  .startsWith("weights sum to 90, not 100 across its 2 destinations");
            });
  }

  @Test
  void aMissingWeightCountsAsZeroInARouteWithSeveralDestinations() {
    assertThat(
            VirtualServiceValidation.validate(
                reviews("[" + to("v1", null) + "," + to("v2", null) + "]"), FLEET))
        .extracting(Violation::message)
        .singleElement()
        .asString()
        .startsWith("weights sum to 0, not 100");
  }

  @Test
  void aWeightOutOfRangeIsNamedByItsPath() {
    List<Violation> violations =
        VirtualServiceValidation.validate(
            reviews("[" + to("v1", 120) + "," + to("v2", -20) + "]"), FLEET);
    assertThat(violations)
        .extracting(Violation::field)
        .containsExactly("spec.http[0].route[0].weight", "spec.http[0].route[1].weight");
    assertThat(violations.get(0).message())
        .isEqualTo("weight 120 for subset \"v1\" is not in 0..100");
  }

  @Test
  void aWeightThatIsNotAWholeNumberIsRefusedWithoutASumComplaint() {
    assertThat(
            VirtualServiceValidation.validate(
                reviews(
                    "[" + to("v1", 50) + ",{'destination':{'host':'reviews'},'weight':'fifty'}]"),
                FLEET))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("spec.http[0].route[1].weight");
              assertThat(v.message()).isEqualTo("weight must be a whole number");
            });
  }

  @Test
  void aSubsetTheFleetsDestinationRuleLacksIsRefused() {
    assertThat(
            VirtualServiceValidation.validate(
                reviews("[" + to("v1", 50) + "," + to("v9", 50) + "]"), FLEET))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("spec.http[0].route[1].destination.subset");
              assertThat(v.message())
                  .isEqualTo(
                      "subset \"v9\" is not in DestinationRule default/reviews (known: v1, v2, v3)");
            });
  }

  @Test
  void subsetsOfAHostWithoutADestinationRuleInTheFleetAreNotChecked() {
    assertThat(
            VirtualServiceValidation.validate(
                reviews("[" + to("v1", 50) + "," + to("v9", 50) + "]"), NO_RULES))
        .isEmpty();
  }

  @Test
  void aRuleInAnotherNamespaceCountsOnlyWhenItIsForTheSameQualifiedHost() {
    JsonNode elsewhere =
        json(
            "{'apiVersion':'networking.istio.io/v1','kind':'DestinationRule','metadata':{'name':"
                + "'reviews','namespace':'other'},'spec':{'host':'reviews','subsets':[{'name':'x'}]}}");
    assertThat(
            VirtualServiceValidation.validate(
                reviews("[" + to("v1", 100) + "]"), DestinationRuleCatalog.of(List.of(elsewhere))))
        .isEmpty();
    JsonNode qualified =
        json(
            "{'apiVersion':'networking.istio.io/v1','kind':'DestinationRule','metadata':{'name':"
                + "'reviews','namespace':'other'},'spec':{'host':'reviews.default.svc.cluster.local',"
                + "'subsets':[{'name':'x'}]}}");
    assertThat(
            VirtualServiceValidation.validate(
                reviews("[" + to("v1", 100) + "]"), DestinationRuleCatalog.of(List.of(qualified))))
        .extracting(Violation::field)
        .containsExactly("spec.http[0].route[0].destination.subset");
  }

  @Test
  void tcpAndTlsRoutesFollowTheSameRules() {
    JsonNode vs =
        json(
            "{'apiVersion':'networking.istio.io/v1','kind':'VirtualService','metadata':{'name':'db'},"
                + "'spec':{'tcp':[{'route':[{'destination':{'host':'db'},'weight':70},"
                + "{'destination':{'host':'db2'},'weight':20}]}],'tls':{'x':1}}}");
    assertThat(VirtualServiceValidation.validate(vs, NO_RULES))
        .extracting(Violation::field)
        .containsExactly("spec.tcp[0].route", "spec.tls");
  }

  @Test
  void theLaterOfTwoVersionsOfADestinationRuleCounts() {
    JsonNode narrowed =
        json(
            "{'apiVersion':'networking.istio.io/v1','kind':'DestinationRule','metadata':{'name':"
                + "'reviews'},'spec':{'host':'reviews','subsets':[{'name':'v1'}]}}");
    assertThat(
            VirtualServiceValidation.validate(
                reviews("[" + to("v1", 50) + "," + to("v2", 50) + "]"),
                DestinationRuleCatalog.of(List.of(REVIEWS_RULE, narrowed))))
        .extracting(Violation::field)
        .containsExactly("spec.http[0].route[1].destination.subset");
  }
}
