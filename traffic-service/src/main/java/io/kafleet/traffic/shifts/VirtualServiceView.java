package io.kafleet.traffic.shifts;

import io.kafleet.events.DestinationWeight;
import io.kafleet.events.RouteWeights;
import io.kafleet.events.WorkStatus;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.traffic.fleet.FleetView;
import io.kafleet.traffic.fleet.Routes;
import io.kafleet.traffic.fleet.WorkView;
import io.kafleet.validation.Hosts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One VirtualService across the fleet, as the API shows it: for each cluster holding it, the routes
 * of the work placement-service sent ({@code desired}) beside the routes that cluster's agent last
 * read back ({@code observed}, empty until it reports), and the last shift asked of it; {@code
 * subsets} are those the fleet's DestinationRules define for the routes' hosts, the ones a shift
 * may name (the console offers them). A snapshot of plain values, so it can leave the lock its
 * sources are read under.
 */
public record VirtualServiceView(
    String virtualService,
    String namespace,
    String name,
    List<String> subsets,
    Map<String, ClusterRoutes> clusters,
    LastShift lastShift) {

  /** One http route: its position, its name (null where it has none) and its destinations. */
  public record Route(int index, String name, List<Destination> destinations) {}

  public record Destination(String host, String subset, Integer port, int weight) {}

  /**
   * One cluster: what it was sent (at template {@code generation}) and what its agent reported; the
   * report's fields are null before the first report.
   */
  public record ClusterRoutes(
      List<Route> desired,
      List<Route> observed,
      long generation,
      Long appliedGeneration,
      String phase,
      Instant reportedAt) {}

  /** The newest shift of the VirtualService; {@code converged} is null until it completes. */
  public record LastShift(
      String shiftId, Instant requestedAt, boolean completed, Boolean converged) {}

  /**
   * The view of {@code key} from the fleet view and its shifts ({@code history}, oldest first, as
   * {@link ShiftBook#history} gives them).
   */
  public static VirtualServiceView of(ObjectKey key, FleetView fleet, List<TrackedShift> history) {
    Map<String, ClusterRoutes> clusters = new TreeMap<>();
    for (String cluster : fleet.clustersHolding(key)) {
      fleet
          .work(cluster, key)
          .ifPresent(work -> clusters.put(cluster, cluster(work, fleet.report(cluster, key))));
    }
    return new VirtualServiceView(
        key.namespace() + "/" + key.name(),
        key.namespace(),
        key.name(),
        subsets(key, fleet, clusters.values()),
        clusters,
        history.isEmpty() ? null : lastShift(history.get(history.size() - 1)));
  }

  private static List<String> subsets(
      ObjectKey key, FleetView fleet, java.util.Collection<ClusterRoutes> clusters) {
    return clusters.stream()
        .flatMap(cluster -> cluster.desired().stream())
        .flatMap(route -> route.destinations().stream())
        .map(destination -> Hosts.qualify(destination.host(), key.namespace()))
        .distinct()
        .flatMap(host -> fleet.destinationRuleFor(host).stream())
        .flatMap(rule -> rule.names().stream())
        .distinct()
        .sorted()
        .toList();
  }

  private static ClusterRoutes cluster(WorkView work, Optional<WorkStatus> report) {
    return new ClusterRoutes(
        routes(work.routes()),
        report.map(r -> routes(Routes.userRoutes(r.getObservedWeights()))).orElse(List.of()),
        work.generation(),
        report.map(WorkStatus::getAppliedGeneration).orElse(null),
        report.map(r -> r.getPhase().name()).orElse(null),
        report.map(WorkStatus::getReportedAt).orElse(null));
  }

  private static LastShift lastShift(TrackedShift shift) {
    boolean completed = shift.completed() != null;
    return new LastShift(
        shift.record().id(),
        shift.record().requestedAt(),
        completed,
        completed ? shift.converged() : null);
  }

  private static List<Route> routes(List<RouteWeights> routes) {
    return routes.stream()
        .map(
            route ->
                new Route(
                    route.getRouteIndex(),
                    route.getRouteName(),
                    route.getDestinations().stream().map(VirtualServiceView::destination).toList()))
        .toList();
  }

  private static Destination destination(DestinationWeight d) {
    return new Destination(d.getHost(), d.getSubset(), d.getPort(), d.getWeight());
  }
}
