package io.kafleet.traffic.kafka;

import static io.kafleet.traffic.FleetStandIn.VS;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.StatusEvent;
import io.kafleet.events.StoredObject;
import io.kafleet.events.Work;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.schemas.Topics;
import io.kafleet.traffic.PodinfoDocuments;
import io.kafleet.traffic.fleet.FleetView;
import io.kafleet.traffic.shifts.ShiftRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetRecordsTest {

  private static final Instant NOW = Instant.parse("2026-12-03T00:00:00Z");
  private static final ObjectKey VS_KEY = ObjectKey.parse(VS);

  private final Topics topics = new Topics("p.");
  private final FleetView fleet = new FleetView();
  private long offset;

  @Test
  void aVirtualServiceTemplateChangedOutsideTrafficServiceIsAShift() {
    assertThat(take(topics.templates(), VS, template(1, PodinfoDocuments.BLUE, "alice"))).isEmpty();
    assertThat(fleet.template(VS_KEY)).isPresent();

    List<ShiftRecord> direct =
        take(topics.templates(), VS, template(2, PodinfoDocuments.GREEN_80, "bob"));

    assertThat(direct).extracting(ShiftRecord::virtualService).containsExactly(VS_KEY);
    assertThat(fleet.template(VS_KEY).orElseThrow().generation()).isEqualTo(2);
  }

  @Test
  void aTombstoneForgetsTheTemplateAndTheWork() {
    take(topics.templates(), VS, template(1, PodinfoDocuments.BLUE, "alice"));
    take(topics.executionSpace("member1"), VS, work("member1"));
    assertThat(fleet.clustersHolding(VS_KEY)).containsExactly("member1");

    take(topics.templates(), VS, null);
    take(topics.executionSpace("member1"), VS, null);

    assertThat(fleet.template(VS_KEY)).isEmpty();
    assertThat(fleet.clustersHolding(VS_KEY)).isEmpty();
  }

  @Test
  void templatesThatDoNotRouteAreLeftOut() {
    String deployment = "apps/Deployment/default/podinfo";
    take(topics.templates(), deployment, template(1, "{\"kind\":\"Deployment\"}", "alice"));
    assertThat(fleet.template(ObjectKey.parse(deployment))).isEmpty();
  }

  @Test
  void aStatusTopicSpeaksForItsOwnClusterOnly() {
    take(topics.status("member1"), VS, new StatusEvent("member1", status("member1")));
    take(topics.status("member2"), VS, new StatusEvent("member1", status("member1")));

    assertThat(fleet.report("member1", VS_KEY)).isPresent();
    assertThat(fleet.report("member2", VS_KEY)).isEmpty();
  }

  @Test
  void heartbeatsAndForeignTopicsChangeNothing() {
    take(topics.status("member1"), "member1", new StatusEvent("member1", status("member1")));
    take(topics.policies(), VS, template(1, PodinfoDocuments.BLUE, "alice"));
    assertThat(fleet.report("member1", VS_KEY)).isEmpty();
    assertThat(fleet.template(VS_KEY)).isEmpty();
  }

  private List<ShiftRecord> take(String topic, String key, Object value) {
    return FleetRecords.take(fleet, topics, new FleetRecord(topic, 0, offset++, key, value));
  }

  private static StoredObject template(long generation, String document, String by) {
    return new StoredObject(
        VS, "networking.istio.io/v1alpha3", document, generation, by, NOW, null);
  }

  private static Work work(String cluster) {
    return Work.newBuilder()
        .setObjectKey(VS)
        .setCluster(cluster)
        .setApiVersion("networking.istio.io/v1alpha3")
        .setManifest(PodinfoDocuments.BLUE)
        .setTemplateGeneration(1)
        .setContentHash("hash-blue")
        .setCreatedAt(NOW)
        .setUpdatedAt(NOW)
        .build();
  }

  private static WorkStatus status(String cluster) {
    return WorkStatus.newBuilder()
        .setCluster(cluster)
        .setObjectKey(VS)
        .setAppliedHash("hash-blue")
        .setAppliedGeneration(1L)
        .setPhase(WorkPhase.Applied)
        .setLiveSummary(Map.of())
        .setReportedAt(NOW)
        .build();
  }
}
