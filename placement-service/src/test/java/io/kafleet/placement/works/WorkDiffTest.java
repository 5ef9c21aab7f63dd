package io.kafleet.placement.works;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.placement.input.ManifestReader;
import io.kafleet.placement.input.TemplateReader;
import io.kafleet.placement.scheduling.ClusterAffinity;
import io.kafleet.placement.scheduling.MemberState;
import io.kafleet.placement.scheduling.PlacementPolicy;
import io.kafleet.placement.scheduling.ResourceSelector;
import io.kafleet.schemas.ObjectKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkDiffTest {

  private static final List<MemberState> MEMBERS =
      List.of(
          new MemberState("member1", Map.of(), true, true),
          new MemberState("member2", Map.of(), true, true));

  private static final PlacementPolicy EVERY_SERVICE =
      new PlacementPolicy(
          ObjectKey.of("policy.karmada.io/v1alpha1", "ClusterPropagationPolicy", null, "services"),
          0,
          List.of(new ResourceSelector("v1", "Service", null, null, null)),
          ClusterAffinity.ANY);

  @Test
  void firstComputationPutsEveryWorkAndRecomputingWritesNothing() {
    List<RenderedWork> desired = desired(service("details", 9080), service("ratings", 9080));
    List<WorkChange> first = WorkDiff.between(Map.of(), desired);
    assertThat(first).hasSize(4).allMatch(WorkChange.Put.class::isInstance);

    assertThat(WorkDiff.between(emittedAfter(first), desired))
        .as("changes after a restart with the same templates")
        .isEmpty();
  }

  @Test
  void aChangedTemplateChangesExactlyItsWorks() {
    Map<WorkId, String> emitted =
        emittedAfter(
            WorkDiff.between(
                Map.of(), desired(service("details", 9080), service("ratings", 9080))));
    List<WorkChange> changes =
        WorkDiff.between(emitted, desired(service("details", 9090), service("ratings", 9080)));
    assertThat(changes)
        .extracting(WorkChange::id)
        .containsExactly(
            new WorkId("member1", ObjectKey.parse("core/Service/default/details")),
            new WorkId("member2", ObjectKey.parse("core/Service/default/details")));
  }

  @Test
  void aTemplateNoLongerPlacedBecomesTombstones() {
    Map<WorkId, String> emitted =
        emittedAfter(
            WorkDiff.between(
                Map.of(), desired(service("details", 9080), service("ratings", 9080))));
    List<WorkChange> changes = WorkDiff.between(emitted, desired(service("details", 9080)));
    assertThat(changes)
        .containsExactly(
            new WorkChange.Remove(
                new WorkId("member1", ObjectKey.parse("core/Service/default/ratings"))),
            new WorkChange.Remove(
                new WorkId("member2", ObjectKey.parse("core/Service/default/ratings"))));
  }

  @Test
  void aDeletedPolicyRemovesItsWorks() {
    var templates = List.of(service("details", 9080));
    Map<WorkId, String> emitted =
        emittedAfter(
            WorkDiff.between(
                Map.of(),
                DesiredWorks.compute(templates, List.of(EVERY_SERVICE), List.of(), MEMBERS)
                    .works()));
    assertThat(
            WorkDiff.between(
                emitted, DesiredWorks.compute(templates, List.of(), List.of(), MEMBERS).works()))
        .hasSize(2)
        .allMatch(WorkChange.Remove.class::isInstance);
  }

  private static List<RenderedWork> desired(DesiredWorks.Template... templates) {
    return DesiredWorks.compute(List.of(templates), List.of(EVERY_SERVICE), List.of(), MEMBERS)
        .works();
  }

  private static Map<WorkId, String> emittedAfter(List<WorkChange> changes) {
    Map<WorkId, String> emitted = new HashMap<>();
    for (WorkChange change : changes) {
      if (change instanceof WorkChange.Put put) {
        emitted.put(put.id(), put.work().contentHash());
      } else {
        emitted.remove(change.id());
      }
    }
    return emitted;
  }

  private static DesiredWorks.Template service(String name, int port) {
    var manifest =
        ManifestReader.read(
                name + ".yaml",
                "apiVersion: v1\nkind: Service\nmetadata: {name: "
                    + name
                    + "}\nspec:\n  ports: [{port: "
                    + port
                    + ", name: http}]\n")
            .get(0);
    return new DesiredWorks.Template(TemplateReader.read(manifest), manifest);
  }
}
