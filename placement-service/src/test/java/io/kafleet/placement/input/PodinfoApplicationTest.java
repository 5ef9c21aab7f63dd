package io.kafleet.placement.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.placement.SharedScenarios;
import io.kafleet.placement.scheduling.MemberState;
import io.kafleet.placement.scheduling.PlacementPolicy;
import io.kafleet.placement.scheduling.Scheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The podinfo blue/green KubeVela Application, from examples/, with real cluster ids. */
class PodinfoApplicationTest {

  private static final List<MemberState> MEMBERS =
      List.of(
          new MemberState("member1", Map.of(), true, true),
          new MemberState("member2", Map.of(), true, true),
          new MemberState("member3", Map.of(), true, true));

  @Test
  void placesBothDeploymentsAndTheServiceInEveryClusterOfTheTopology() throws Exception {
    Path podinfo = SharedScenarios.scenario("podinfo-blue-green");
    String application =
        Files.readString(podinfo.resolve("application.yaml"))
            .replace("<clusterid1>", "member1")
            .replace("<clusterid2>", "member2");
    PlacementPolicy policy =
        KubeVelaApplicationReader.read(ManifestReader.read("application.yaml", application).get(0));

    List<JsonNode> base =
        ManifestReader.read("base.yaml", Files.readString(podinfo.resolve("base.yaml")));
    assertThat(base).hasSize(3);
    for (JsonNode document : base) {
      var placement = Scheduler.place(TemplateReader.read(document), List.of(policy), MEMBERS);
      assertThat(placement.selectedClusters())
          .as("clusters of %s", document.path("metadata").path("name").asString())
          .containsExactly("member1", "member2");
      assertThat(placement.clusters().get(2).reason()).contains("clusterNames");
    }
  }

  @Test
  void componentAndPolicyTypesKafleetDoesNotRunYetAreRefusedByPath() {
    String webservice =
        """
        apiVersion: core.oam.dev/v1beta1
        kind: Application
        metadata: {name: web}
        spec:
          components:
            - name: web
              type: webservice
              properties: {image: nginx}
          policies:
            - {type: topology, name: all, properties: {clusters: [member1]}}
        """;
    assertThatThrownBy(() -> read(webservice))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("spec.components[0].type"))
        .hasMessageContaining("webservice");

    String noTopology =
        """
        apiVersion: core.oam.dev/v1beta1
        kind: Application
        metadata: {name: web}
        spec:
          components:
            - name: web
              type: ref-objects
              properties: {objects: [{apiVersion: v1, kind: Service, name: web}]}
        """;
    assertThatThrownBy(() -> read(noTopology))
        .hasMessage("spec.policies: needs exactly one topology policy, found 0");
  }

  private static PlacementPolicy read(String yaml) {
    return KubeVelaApplicationReader.read(ManifestReader.read("app.yaml", yaml).get(0));
  }
}
