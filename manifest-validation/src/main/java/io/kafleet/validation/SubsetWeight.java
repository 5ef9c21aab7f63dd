package io.kafleet.validation;

import java.util.Objects;

/** One destination of a route: the share of traffic, in percent, for a DestinationRule subset. */
public record SubsetWeight(String subset, int weight) {
  public SubsetWeight {
    Objects.requireNonNull(subset, "subset");
  }
}
