package io.kafleet.registry;

import java.util.Locale;

/**
 * Confluent's compatibility levels: which way new and old schemas must be able to read each other.
 */
enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  private final boolean newReadsOld;
  private final boolean oldReadsNew;
  private final boolean transitive;

  CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
    this.newReadsOld = newReadsOld;
    this.oldReadsNew = oldReadsNew;
    this.transitive = transitive;
  }

  /** Consumers upgraded to the new schema must read what producers wrote with the old ones. */
  boolean newReadsOld() {
    return newReadsOld;
  }

  /** Consumers still on an old schema must read what producers write with the new one. */
  boolean oldReadsNew() {
    return oldReadsNew;
  }

  /** Checked against every live version, not only the latest. */
  boolean transitive() {
    return transitive;
  }

  /** Case-insensitive, as Confluent accepts it; anything else is error 42203. */
  static CompatibilityLevel parse(String name) {
    if (name != null) {
      for (CompatibilityLevel level : values()) {
        if (level.name().equals(name.strip().toUpperCase(Locale.ROOT))) {
          return level;
        }
      }
    }
    throw RegistryException.invalidCompatibilityLevel(name);
  }
}
