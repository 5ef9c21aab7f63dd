package io.kafleet.validation;

import java.util.Objects;

/** Which http route of a VirtualService a weight shift is for: by position or by its name. */
public sealed interface RouteSelector {

  /** The route at {@code index} in the VirtualService's {@code spec.http} list, from 0. */
  record ByIndex(int index) implements RouteSelector {}

  /** The route whose {@code name} is {@code name}. */
  record ByName(String name) implements RouteSelector {
    public ByName {
      Objects.requireNonNull(name, "route name");
    }
  }
}
