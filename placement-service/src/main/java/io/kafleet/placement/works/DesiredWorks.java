package io.kafleet.placement.works;

import io.kafleet.placement.scheduling.MemberState;
import io.kafleet.placement.scheduling.Placement;
import io.kafleet.placement.scheduling.PlacementPolicy;
import io.kafleet.placement.scheduling.Scheduler;
import io.kafleet.placement.scheduling.TemplateRef;
import java.util.Collection;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Every work the fleet should hold: each template scheduled, then rendered per selected cluster.
 */
public final class DesiredWorks {

  /** A template as submitted, with its identity. */
  public record Template(TemplateRef ref, JsonNode manifest) {}

  private DesiredWorks() {}

  public static List<RenderedWork> compute(
      Collection<Template> templates,
      Collection<PlacementPolicy> policies,
      Collection<MemberState> clusters) {
    return templates.stream()
        .<RenderedWork>flatMap(
            template -> {
              Placement placement = Scheduler.place(template.ref(), policies, clusters);
              return placement.selectedClusters().stream()
                  .map(
                      cluster ->
                          WorkRenderer.render(
                              ReplicaShare.apply(
                                  template.manifest(), placement.replicasOf(cluster)),
                              template.ref(),
                              cluster,
                              placement.policy()));
            })
        .toList();
  }
}
