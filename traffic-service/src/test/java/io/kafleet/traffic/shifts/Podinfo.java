package io.kafleet.traffic.shifts;

import io.kafleet.events.RouteWeights;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.traffic.PodinfoDocuments;
import io.kafleet.traffic.fleet.FleetView;
import io.kafleet.traffic.fleet.ObjectKeys;
import io.kafleet.traffic.fleet.Routes;
import io.kafleet.traffic.fleet.StoredTemplate;
import io.kafleet.traffic.fleet.WorkView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The podinfo-blue-green scenario as traffic-service sees it, placed in member1 and member2. */
final class Podinfo {

  static final String BLUE = PodinfoDocuments.BLUE;
  static final String GREEN_80 = PodinfoDocuments.GREEN_80;
  private static final String RULE = PodinfoDocuments.RULE;
  private static final String SERVICE = PodinfoDocuments.SERVICE;

  static final ObjectKey VS = ObjectKeys.virtualService("default", "podinfo");
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Podinfo() {}

  static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  static StoredTemplate template(long generation, String document, String appliedBy) {
    return new StoredTemplate(generation, appliedBy, T0.plusSeconds(generation), json(document));
  }

  /** podinfo with the blue VirtualService at generation 1, its work in both clusters. */
  static FleetView fleet() {
    FleetView fleet = new FleetView();
    fleet.putTemplate(VS, template(1, BLUE, "alice"));
    fleet.putTemplate(
        new ObjectKey("networking.istio.io", "DestinationRule", "default", "podinfo"),
        template(1, RULE, "alice"));
    fleet.putTemplate(
        new ObjectKey("core", "Service", "default", "podinfo"), template(1, SERVICE, "alice"));
    for (String cluster : List.of("member1", "member2")) {
      fleet.putWork(cluster, VS, work(1, "hash-blue", BLUE));
    }
    return fleet;
  }

  static WorkView work(long generation, String hash, String document) {
    return WorkView.of(generation, hash, Routes.all(json(document)));
  }

  static RouteWeights route0(String document) {
    return Routes.weights(json(document)).get(0);
  }

  static WorkStatus report(WorkPhase phase, String hash, long generation, String observed) {
    return report("member1", phase, hash, generation, observed);
  }

  static WorkStatus report(
      String cluster, WorkPhase phase, String hash, long generation, String observedDocument) {
    return WorkStatus.newBuilder()
        .setCluster(cluster)
        .setObjectKey(VS.toString())
        .setAppliedHash(hash)
        .setAppliedGeneration(generation)
        .setPhase(phase)
        .setLiveSummary(Map.of())
        .setObservedWeights(
            observedDocument == null ? List.of() : Routes.all(json(observedDocument)))
        .setReportedAt(T0)
        .build();
  }
}
