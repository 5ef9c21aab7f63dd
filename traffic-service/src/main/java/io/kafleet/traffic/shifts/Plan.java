package io.kafleet.traffic.shifts;

import io.kafleet.events.RouteWeights;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.validation.Violation;
import java.util.List;

/** What {@link ShiftPlanning} makes of a request: a shift to publish, or why not. */
public sealed interface Plan {

  /**
   * A valid shift: the route's new destinations, the VirtualService generation it was checked
   * against, and the clusters expected to converge.
   */
  record Accepted(
      ObjectKey virtualService, RouteWeights requested, long generation, List<String> targets)
      implements Plan {
    public Accepted {
      targets = List.copyOf(targets);
    }
  }

  record Rejected(List<Violation> violations) implements Plan {
    public Rejected {
      violations = List.copyOf(violations);
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs at least one violation");
      }
    }
  }
}
