package io.kafleet.traffic.api;

import io.kafleet.events.DestinationWeight;
import io.kafleet.events.RouteWeights;
import io.kafleet.events.ShiftState;
import io.kafleet.traffic.shifts.ShiftRecord;
import io.kafleet.traffic.shifts.TrackedShift;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A shift as the API shows it: what was asked, by whom, when, and the outcome per cluster. */
public record ShiftView(
    String shiftId,
    String virtualService,
    String origin,
    String requestedBy,
    Instant requestedAt,
    String reason,
    Route route,
    List<Destination> requested,
    Map<String, ClusterView> clusters,
    boolean completed,
    Boolean converged) {

  public record Route(int index, String name) {}

  public record Destination(String host, String subset, Integer port, int weight) {}

  public record ClusterView(
      ShiftState state, List<Destination> observed, Long generation, String message, Instant at) {}

  static ShiftView of(TrackedShift shift) {
    ShiftRecord record = shift.record();
    Map<String, ClusterView> clusters = new TreeMap<>();
    shift
        .clusters()
        .forEach(
            (cluster, outcome) ->
                clusters.put(
                    cluster,
                    new ClusterView(
                        outcome.verdict().state(),
                        destinations(outcome.verdict().observed()),
                        outcome.verdict().generation(),
                        outcome.verdict().message(),
                        outcome.at())));
    boolean completed = shift.completed() != null;
    return new ShiftView(
        record.id(),
        record.virtualService().namespace() + "/" + record.virtualService().name(),
        record.origin().name().toLowerCase(java.util.Locale.ROOT),
        record.requestedBy(),
        record.requestedAt(),
        record.reason(),
        new Route(record.requested().getRouteIndex(), record.requested().getRouteName()),
        destinations(record.requested()),
        clusters,
        completed,
        completed ? shift.converged() : null);
  }

  private static List<Destination> destinations(RouteWeights weights) {
    if (weights == null) {
      return null;
    }
    return weights.getDestinations().stream().map(ShiftView::destination).toList();
  }

  private static Destination destination(DestinationWeight d) {
    return new Destination(d.getHost(), d.getSubset(), d.getPort(), d.getWeight());
  }
}
