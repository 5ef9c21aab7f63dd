package io.kafleet.registry;

import java.util.List;

/**
 * What a log record did when it was materialized. Two instances may propose conflicting records;
 * the one later in the log is not accepted, and its proposer retries.
 *
 * @param deletedVersions for a subject deletion, the versions it deleted
 */
record Outcome(boolean accepted, List<Integer> deletedVersions) {

  static final Outcome ACCEPTED = new Outcome(true, List.of());
  static final Outcome REJECTED = new Outcome(false, List.of());

  Outcome {
    deletedVersions = List.copyOf(deletedVersions);
  }

  static Outcome deleted(List<Integer> versions) {
    return new Outcome(true, versions);
  }
}
