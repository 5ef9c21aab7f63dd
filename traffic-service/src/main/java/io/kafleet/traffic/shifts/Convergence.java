package io.kafleet.traffic.shifts;

import io.kafleet.events.DestinationWeight;
import io.kafleet.events.RouteWeights;
import io.kafleet.events.ShiftState;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import io.kafleet.traffic.fleet.Routes;
import io.kafleet.traffic.fleet.Weights;
import io.kafleet.traffic.fleet.WorkView;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides where a shift stands in one cluster, from what placement-service sent that cluster and
 * what its agent last reported. Pure.
 *
 * <p>The shift's work is the cluster's current work for the VirtualService when it carries the
 * requested weights for the route, has kafleet's test route if and only if the shift asked for one
 * (to the asked subset), and is of the generation the shift was checked against or newer. (A
 * generation alone cannot tell: a shift for named clusters changes their work through an
 * OverridePolicy, not the template's generation; a hash alone cannot tell what was asked.) A report
 * speaks for the shift when its {@code appliedHash} is that work's content hash; then:
 *
 * <ul>
 *   <li>Applied, observed weights equal to the requested ones, and the agent's report holds
 *       kafleet's test route (all of it to the asked subset) if and only if one was asked: {@code
 *       Converged};
 *   <li>Applied, anything else observed: {@code Diverged};
 *   <li>Failed or Conflict (also when the report names the work's generation but not its hash, as
 *       an agent that could not apply it does), or Deleted: {@code Failed};
 * </ul>
 *
 * Otherwise the cluster stays {@code Published} until the deadline, then is {@code TimedOut}.
 *
 * <p>Both the work and the report are read without kafleet's test route and numbered as the user
 * wrote the routes ({@link Routes#userRoutes}), as the shift's route index is; the test route is
 * judged on its own.
 */
public final class Convergence {

  private Convergence() {}

  /**
   * What a shift expects of every target cluster, and until when.
   *
   * @param testSubset the subset kafleet's test route must send everything to; null when the shift
   *     wants no test route
   */
  public record Expectation(
      RouteWeights requested, String testSubset, long minGeneration, Instant deadline) {
    public Expectation {
      Objects.requireNonNull(requested, "requested");
      Objects.requireNonNull(deadline, "deadline");
    }
  }

  public static Verdict decide(
      Expectation expected, Optional<WorkView> work, Optional<WorkStatus> report, Instant now) {
    RouteWeights requested = expected.requested();
    RouteWeights observed =
        report
            .flatMap(r -> Weights.sameRoute(Routes.userRoutes(r.getObservedWeights()), requested))
            .orElse(null);
    RouteWeights observedTest =
        report.flatMap(r -> Routes.testRoute(r.getObservedWeights())).orElse(null);
    Optional<WorkView> shiftWork =
        work.filter(w -> w.generation() >= expected.minGeneration())
            .filter(
                w ->
                    Weights.sameRoute(w.routes(), requested)
                        .filter(r -> Weights.same(r, requested))
                        .isPresent())
            .filter(w -> testRouteAsAsked(w.testRoute(), expected));
    if (shiftWork.isPresent() && report.isPresent()) {
      WorkView target = shiftWork.get();
      WorkStatus status = report.get();
      boolean sameHash = target.contentHash().equals(status.getAppliedHash());
      boolean sameGeneration =
          status.getAppliedGeneration() != null
              && status.getAppliedGeneration() >= target.generation();
      WorkPhase phase = status.getPhase();
      if ((phase == WorkPhase.Failed || phase == WorkPhase.Conflict)
          && (sameHash || sameGeneration)) {
        return new Verdict(
            ShiftState.Failed,
            observed,
            target.generation(),
            "agent reports "
                + phase
                + (status.getMessage() == null ? "" : ": " + status.getMessage()));
      }
      if (sameHash && phase == WorkPhase.Deleted) {
        return new Verdict(
            ShiftState.Failed,
            observed,
            target.generation(),
            "the VirtualService was deleted from the cluster");
      }
      if (sameHash && phase == WorkPhase.Applied) {
        String seen = Weights.describe(observed) + describeTest(observedTest);
        if (Weights.same(observed, requested) && testRouteAsAsked(observedTest, expected)) {
          return new Verdict(
              ShiftState.Converged, observed, target.generation(), "observed " + seen);
        }
        return new Verdict(
            ShiftState.Diverged,
            observed,
            target.generation(),
            "applied, but observed "
                + seen
                + " where "
                + Weights.describe(requested)
                + (expected.testSubset() == null
                    ? ""
                    : " with a test route to " + expected.testSubset())
                + " was requested");
      }
    }
    if (!now.isBefore(expected.deadline())) {
      return new Verdict(
          ShiftState.TimedOut,
          observed,
          shiftWork.map(WorkView::generation).orElse(null),
          waitingFor(expected, shiftWork, report));
    }
    return new Verdict(
        ShiftState.Published,
        observed,
        shiftWork.map(WorkView::generation).orElse(null),
        waitingFor(expected, shiftWork, report));
  }

  /**
   * Whether a route read as kafleet's test route (null: there is none) is what the shift asked:
   * none when it asked for none, else one that sends everything to the asked subset of the shifted
   * route's host.
   */
  private static boolean testRouteAsAsked(RouteWeights testRoute, Expectation expected) {
    if (expected.testSubset() == null || testRoute == null) {
      return expected.testSubset() == null && testRoute == null;
    }
    if (testRoute.getDestinations().size() != 1) {
      return false;
    }
    DestinationWeight only = testRoute.getDestinations().get(0);
    return expected.testSubset().equals(only.getSubset())
        && only.getWeight() == 100
        && expected.requested().getDestinations().stream()
            .allMatch(d -> d.getHost().equals(only.getHost()));
  }

  private static String describeTest(RouteWeights testRoute) {
    return testRoute == null ? "" : " with a test route to " + Weights.describe(testRoute);
  }

  private static String waitingFor(
      Expectation expected, Optional<WorkView> shiftWork, Optional<WorkStatus> report) {
    if (shiftWork.isEmpty()) {
      return "placement-service has not sent the requested weights"
          + (expected.testSubset() == null ? "" : " with a test route to " + expected.testSubset())
          + " to the cluster";
    }
    if (report.isEmpty()) {
      return "the cluster's agent has not reported on the VirtualService";
    }
    return "the cluster's agent has not reported the new work applied (last: "
        + report.get().getPhase()
        + ", generation "
        + report.get().getAppliedGeneration()
        + ")";
  }
}
