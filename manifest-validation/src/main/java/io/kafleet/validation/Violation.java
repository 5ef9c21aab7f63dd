package io.kafleet.validation;

import java.util.Objects;

/**
 * One thing wrong with a request: {@code field} is the path of the offending value in the request
 * (e.g. {@code weights[1].subset}), {@code message} says what is wrong in the user's terms.
 */
public record Violation(String field, String message) {
  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
