package io.kafleet.validation;

import java.util.Optional;
import java.util.TreeSet;

/**
 * The rules every route weight follows, whether it comes from an applied VirtualService or from a
 * weight shift: each weight in 0..100, the weights of a route with several destinations summing to
 * 100, each subset defined by the DestinationRule of its host. One wording for both.
 */
final class WeightRules {

  static final int TOTAL = 100;

  private WeightRules() {}

  static Optional<String> outOfRange(long weight, String subset) {
    if (weight >= 0 && weight <= TOTAL) {
      return Optional.empty();
    }
    String of = subset == null ? "" : " for subset \"%s\"".formatted(subset);
    return Optional.of("weight %d%s is not in 0..%d".formatted(weight, of, TOTAL));
  }

  static Optional<String> wrongSum(long sum) {
    return sum == TOTAL
        ? Optional.empty()
        : Optional.of("weights sum to %d, not %d".formatted(sum, TOTAL));
  }

  /** A message when the subset is not among the DestinationRule's; empty when it is. */
  static Optional<String> unknownSubset(String subset, KnownSubsets subsets) {
    if (subsets.names().contains(subset)) {
      return Optional.empty();
    }
    // Sorted, so that the message does not depend on the set's iteration order.
    String known =
        subsets.names().isEmpty()
            ? "it defines no subsets"
            : "known: " + String.join(", ", new TreeSet<>(subsets.names()));
    return Optional.of(
        "subset \"%s\" is not in DestinationRule %s (%s)"
            .formatted(subset, subsets.destinationRule(), known));
  }
}
