package io.kafleet.placement.works;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.placement.input.ManifestReader;
import io.kafleet.placement.input.TemplateReader;
import io.kafleet.placement.scheduling.ClusterAffinity;
import io.kafleet.placement.scheduling.MemberState;
import io.kafleet.placement.scheduling.PlacementPolicy;
import io.kafleet.placement.scheduling.PlacementRules;
import io.kafleet.placement.scheduling.ReplicaScheduling;
import io.kafleet.placement.scheduling.ResourceSelector;
import io.kafleet.placement.scheduling.StaticWeight;
import io.kafleet.schemas.ObjectKey;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DividedWorksTest {

  private static final List<MemberState> MEMBERS =
      List.of(
          new MemberState("member1", Map.of(), true, true),
          new MemberState("member2", Map.of(), true, true));

  private static final JsonNode DEPLOYMENT =
      ManifestReader.read(
              "web.yaml",
              """
              apiVersion: apps/v1
              kind: Deployment
              metadata: {name: web}
              spec:
                replicas: 7
                template:
                  spec:
                    containers: [{name: web, image: nginx}]
              """)
          .get(0);

  @Test
  void eachClustersWorkRunsItsShareOfADividedWorkload() {
    String before = DEPLOYMENT.toString();
    Map<String, Integer> replicas =
        DesiredWorks.compute(List.of(template()), List.of(dividedOneToTwo()), List.of(), MEMBERS)
            .works()
            .stream()
            .collect(
                Collectors.toMap(
                    RenderedWork::cluster,
                    work ->
                        JsonMapper.builder()
                            .build()
                            .readTree(work.manifest())
                            .path("spec")
                            .path("replicas")
                            .asInt()));
    assertThat(replicas).containsExactlyInAnyOrderEntriesOf(Map.of("member1", 2, "member2", 5));
    assertThat(DEPLOYMENT.toString()).as("the stored template").isEqualTo(before);
  }

  @Test
  void aDuplicatedWorkloadGoesAsWritten() {
    PlacementPolicy duplicated =
        new PlacementPolicy(
            key(), 0, List.of(allDeployments()), PlacementRules.of(ClusterAffinity.ANY));
    List<RenderedWork> works =
        DesiredWorks.compute(List.of(template()), List.of(duplicated), List.of(), MEMBERS).works();
    assertThat(works).hasSize(2);
    assertThat(works)
        .extracting(RenderedWork::contentHash)
        .as("same content in both clusters")
        .containsOnly(works.get(0).contentHash());
    assertThat(works.get(0).manifest()).contains("\"replicas\":7");
  }

  private static DesiredWorks.Template template() {
    return new DesiredWorks.Template(TemplateReader.read(DEPLOYMENT), DEPLOYMENT);
  }

  private static PlacementPolicy dividedOneToTwo() {
    return new PlacementPolicy(
        key(),
        0,
        List.of(allDeployments()),
        new PlacementRules(
            ClusterAffinity.ANY,
            List.of(),
            List.of(),
            new ReplicaScheduling.StaticWeights(
                List.of(
                    new StaticWeight(new ClusterAffinity(List.of("member1"), List.of(), null), 1),
                    new StaticWeight(
                        new ClusterAffinity(List.of("member2"), List.of(), null), 2)))));
  }

  private static ResourceSelector allDeployments() {
    return new ResourceSelector("apps/v1", "Deployment", null, null, null);
  }

  private static ObjectKey key() {
    return ObjectKey.of("policy.karmada.io/v1alpha1", "ClusterPropagationPolicy", null, "web");
  }
}
