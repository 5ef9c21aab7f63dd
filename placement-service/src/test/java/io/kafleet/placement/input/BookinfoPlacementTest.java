package io.kafleet.placement.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.placement.SharedScenarios;
import io.kafleet.placement.scheduling.MemberState;
import io.kafleet.placement.scheduling.PlacementPolicy;
import io.kafleet.placement.scheduling.Scheduler;
import io.kafleet.placement.scheduling.TemplateRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The bookinfo scenario, read from examples/ unchanged, scheduled onto two members. */
class BookinfoPlacementTest {

  private static final List<MemberState> MEMBERS =
      List.of(
          new MemberState("member1", Map.of(), true, true),
          new MemberState("member2", Map.of(), true, true));

  @Test
  void placesEveryObjectAsTheScenarioReadmeTable() throws IOException {
    List<PlacementPolicy> policies = new ArrayList<>();
    List<TemplateRef> templates = new ArrayList<>();
    for (String file :
        List.of("bookinfo-karmada.yaml", "propagation.yaml", "bookinfo-gateway.yaml")) {
      for (JsonNode document :
          ManifestReader.read(file, Files.readString(bookinfo().resolve(file)))) {
        if (KarmadaPolicyReader.isKarmadaPolicy(document)) {
          policies.add(KarmadaPolicyReader.read(document));
        } else {
          templates.add(TemplateReader.read(document));
        }
      }
    }
    assertThat(policies).hasSize(5);

    Map<String, TreeSet<String>> objectsByCluster = new TreeMap<>();
    for (TemplateRef template : templates) {
      for (String cluster : Scheduler.place(template, policies, MEMBERS).selectedClusters()) {
        objectsByCluster
            .computeIfAbsent(cluster, c -> new TreeSet<>())
            .add(template.key().kind() + "/" + template.key().name());
      }
    }

    assertThat(objectsByCluster.get("member1"))
        .as("objects placed in member1")
        .containsExactly(
            "Deployment/productpage-v1",
            "Deployment/reviews-v1",
            "Deployment/reviews-v2",
            "Deployment/reviews-v3",
            "Gateway/bookinfo-gateway",
            "Service/details",
            "Service/productpage",
            "Service/ratings",
            "Service/reviews",
            "ServiceAccount/bookinfo-productpage",
            "ServiceAccount/bookinfo-reviews",
            "VirtualService/bookinfo");
    assertThat(objectsByCluster.get("member2"))
        .as("objects placed in member2")
        .containsExactly(
            "Deployment/details-v1",
            "Deployment/ratings-v1",
            "Deployment/reviews-v1",
            "Deployment/reviews-v2",
            "Deployment/reviews-v3",
            "Gateway/bookinfo-gateway",
            "Service/details",
            "Service/productpage",
            "Service/ratings",
            "Service/reviews",
            "ServiceAccount/bookinfo-details",
            "ServiceAccount/bookinfo-ratings",
            "ServiceAccount/bookinfo-reviews",
            "VirtualService/bookinfo");
  }

  static Path bookinfo() {
    return SharedScenarios.scenario("bookinfo");
  }
}
