package io.kafleet.validation;

import java.util.List;

/** The outcome of validating a request: valid, or rejected with every violation found. */
public sealed interface ValidationResult {

  record Valid() implements ValidationResult {}

  record Rejected(List<Violation> violations) implements ValidationResult {
    public Rejected {
      violations = List.copyOf(violations);
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs at least one violation");
      }
    }
  }
}
