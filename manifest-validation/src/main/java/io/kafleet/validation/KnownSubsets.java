package io.kafleet.validation;

import java.util.Objects;
import java.util.Set;

/** The subsets that the DestinationRule for the route's host defines. */
public record KnownSubsets(String destinationRule, Set<String> names) {
  public KnownSubsets {
    Objects.requireNonNull(destinationRule, "destinationRule");
    names = Set.copyOf(Objects.requireNonNull(names, "names"));
  }
}
