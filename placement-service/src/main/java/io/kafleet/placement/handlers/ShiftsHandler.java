package io.kafleet.placement.handlers;

import io.kafleet.events.ObjectRef;
import io.kafleet.events.TrafficShiftRequested;
import io.kafleet.placement.core.FleetModel;
import io.kafleet.placement.handlers.TemplatesHandler.Proposal;
import io.kafleet.placement.input.InvalidInputException;
import io.kafleet.placement.input.Submission;
import io.kafleet.placement.traffic.RouteWeightsRendering;
import io.kafleet.schemas.ObjectKey;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Weight shifts traffic-service published: renders each into the VirtualService itself when it is
 * for every cluster the route is placed in (its generation advances, and the route's per-cluster
 * weights policy goes), or into the VirtualService's per-cluster weights OverridePolicy when it
 * names clusters. A shift also says whether kafleet's test route is there (see {@link
 * RouteWeightsRendering}); a malformed one is refused by field before anything is decided. One
 * decision either way, which renders only that VirtualService.
 */
public final class ShiftsHandler {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final TemplatesHandler templates;

  public ShiftsHandler(TemplatesHandler templates) {
    this.templates = templates;
  }

  public List<ApplyResult> shift(TrafficShiftRequested shift) {
    ObjectRef ref = shift.getVirtualService();
    ObjectKey key = new ObjectKey(ref.getGroup(), ref.getKind(), ref.getNamespace(), ref.getName());
    String source = "shift " + shift.getShiftId();
    String by = shift.getRequestedBy() + " (shift " + shift.getShiftId() + ")";
    ObjectKey perCluster = RouteWeightsRendering.clusterWeightsPolicy(key);
    return templates.change(source, model -> proposal(model, shift, key, perCluster, source), by);
  }

  private Proposal proposal(
      FleetModel model,
      TrafficShiftRequested shift,
      ObjectKey key,
      ObjectKey perCluster,
      String source) {
    JsonNode template =
        model
            .find(key)
            .filter(Submission.Template.class::isInstance)
            .map(Submission::document)
            .orElseThrow(
                () ->
                    new InvalidInputException("virtualService", key + " is not a fleet template"));
    if (!shift.getClusters().isEmpty()) {
      JsonNode policy =
          RouteWeightsRendering.clusterWeights(
              key,
              template,
              model.find(perCluster).map(Submission::document).orElse(null),
              shift.getClusters(),
              shift.getWeights(),
              shift.getTestRoute());
      return new Proposal(templates.read(source, JSON.writeValueAsString(policy)), List.of());
    }
    JsonNode weighted =
        RouteWeightsRendering.withWeights(template, shift.getWeights(), shift.getTestRoute());
    return new Proposal(
        templates.read(source, JSON.writeValueAsString(weighted)), List.of(perCluster));
  }
}
