package io.kafleet.placement.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.events.DestinationWeight;
import io.kafleet.events.RouteWeights;
import io.kafleet.placement.SharedScenarios;
import io.kafleet.placement.input.InvalidInputException;
import io.kafleet.schemas.ObjectKey;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

class RouteWeightsRenderingTest {

  private static final ObjectMapper YAML = YAMLMapper.builder().build();
  private static final ObjectKey PODINFO =
      new ObjectKey("networking.istio.io", "VirtualService", "default", "podinfo");

  @Test
  void aShiftToGreen80GivesTheScenariosOwnVirtualService() throws Exception {
    JsonNode blue = scenario("virtualservice-blue.yaml");

    JsonNode shifted = RouteWeightsRendering.withWeights(blue, greenEighty(0));

    assertThat(shifted.path("spec").path("http").get(0).path("route"))
        .isEqualTo(
            scenario("virtualservice-green-80.yaml")
                .path("spec")
                .path("http")
                .get(0)
                .path("route"));
    assertThat(shifted.path("spec").path("http").get(0).path("match"))
        .as("the rest of the route is kept")
        .isEqualTo(blue.path("spec").path("http").get(0).path("match"));
    assertThat(blue.path("spec").path("http").get(0).path("route").size())
        .as("the template itself is not changed")
        .isEqualTo(1);
  }

  @Test
  void aRouteThatIsNotThereIsAnErrorNamingIt() throws Exception {
    JsonNode blue = scenario("virtualservice-blue.yaml");

    assertThatThrownBy(() -> RouteWeightsRendering.withWeights(blue, greenEighty(1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("weights.routeIndex")
        .hasMessageContaining("1 is out of range: the VirtualService has 1 http routes");
  }

  @Test
  void perClusterWeightsReplaceOnlyTheNamedClustersRuleAndKeepTheOthers() throws Exception {
    JsonNode blue = scenario("virtualservice-blue.yaml");
    JsonNode first =
        RouteWeightsRendering.clusterWeights(
            PODINFO, blue, null, List.of("member1"), greenEighty(0));

    JsonNode second =
        RouteWeightsRendering.clusterWeights(
            PODINFO, blue, first, List.of("member2"), greenEighty(0));

    assertThat(second.path("metadata").path("name").asString())
        .isEqualTo("kafleet-weights-podinfo");
    assertThat(second.path("spec").path("overrideRules"))
        .extracting(rule -> rule.path("targetCluster").path("clusterNames").toString())
        .containsExactly("[\"member1\"]", "[\"member2\"]");
    JsonNode replace =
        second
            .path("spec")
            .path("overrideRules")
            .get(1)
            .path("overriders")
            .path("plaintext")
            .get(0);
    assertThat(replace.path("path").asString()).isEqualTo("/spec/http/0/route");
    assertThat(replace.path("value").get(0).path("weight").asInt()).isEqualTo(80);
  }

  private static RouteWeights greenEighty(int routeIndex) {
    return new RouteWeights(
        null,
        routeIndex,
        List.of(
            new DestinationWeight("podinfo", "green", 80, 80),
            new DestinationWeight("podinfo", "blue", 80, 20)));
  }

  private static JsonNode scenario(String file) throws Exception {
    return YAML.readTree(
        Files.readString(SharedScenarios.scenario("podinfo-blue-green").resolve(file)));
  }
}
