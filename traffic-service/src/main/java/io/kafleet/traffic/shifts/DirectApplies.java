package io.kafleet.traffic.shifts;

import io.kafleet.events.RouteWeights;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.traffic.fleet.ObjectKeys;
import io.kafleet.traffic.fleet.Routes;
import io.kafleet.traffic.fleet.StoredTemplate;
import io.kafleet.traffic.fleet.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognises a VirtualService applied directly through placement-service (a new generation that no
 * shift of traffic-service produced) as a shift of each http route whose weights changed, so that
 * it is tracked like one. Pure.
 */
public final class DirectApplies {

  /** placement-service stores a rendered shift with {@code appliedBy = "<who> (shift <id>)"}. */
  private static final Pattern RENDERED_SHIFT = Pattern.compile(".*\\(shift [^)]+\\)");

  private DirectApplies() {}

  /** The id of a directly applied change: derived from key and generation, so replays agree. */
  public static String shiftId(ObjectKey key, long generation, Integer route) {
    return "apply-"
        + key.namespace()
        + "-"
        + key.name()
        + "-g"
        + generation
        + (route == null ? "" : "-r" + route);
  }

  public static List<ShiftRecord> detect(
      ObjectKey key, StoredTemplate previous, StoredTemplate next) {
    if (!ObjectKeys.isVirtualService(key)
        || previous == null
        || next == null
        || next.generation() <= previous.generation()
        || (next.appliedBy() != null && RENDERED_SHIFT.matcher(next.appliedBy()).matches())) {
      return List.of();
    }
    List<RouteWeights> before = Routes.weights(previous.document());
    List<RouteWeights> after = Routes.weights(next.document());
    List<RouteWeights> changed = new ArrayList<>();
    for (int i = 0; i < Math.min(before.size(), after.size()); i++) {
      if (!Weights.same(before.get(i), after.get(i))) {
        changed.add(after.get(i));
      }
    }
    return changed.stream()
        .map(
            route ->
                new ShiftRecord(
                    shiftId(
                        key, next.generation(), changed.size() > 1 ? route.getRouteIndex() : null),
                    key,
                    route,
                    // What the applied VirtualService holds is what its clusters must show.
                    Routes.testRoute(next.document()).orElse(null),
                    List.of(),
                    next.appliedBy() == null ? "unknown" : next.appliedBy(),
                    next.appliedAt(),
                    ShiftRecord.Origin.APPLY,
                    next.generation(),
                    "applied directly through placement-service",
                    null,
                    null))
        .toList();
  }
}
