package io.kafleet.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The http routes of the VirtualService as it is now, in order: each route's {@code name}, or null
 * for a route without one (names are optional in Istio).
 */
public record KnownRoutes(List<String> routeNames) {

  /**
   * The name of kafleet's test route: the http route placement-service renders before a shifted
   * route for header-matched test traffic, and traffic-service leaves out of the user's routes.
   */
  public static final String TEST_ROUTE = "kafleet-test-route";

  public KnownRoutes {
    Objects.requireNonNull(routeNames, "routeNames");
    // List.copyOf would reject the nulls that stand for unnamed routes.
    routeNames = Collections.unmodifiableList(new ArrayList<>(routeNames));
  }
}
