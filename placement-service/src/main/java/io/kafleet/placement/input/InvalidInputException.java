package io.kafleet.placement.input;

import io.kafleet.validation.Violation;
import java.util.List;

/**
 * Input kafleet cannot accept, with the offending field's path (e.g. {@code
 * spec.placement.replicaScheduling}) and what is wrong with it; where one check finds several
 * things wrong, all of them, the first also as the field and reason.
 */
public class InvalidInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  public InvalidInputException(String field, String reason) {
    this(List.of(new Violation(field, reason)));
  }

  /**
   * @param violations at least one
   */
  public InvalidInputException(List<Violation> violations) {
    super(describe(violations));
    this.violations = List.copyOf(violations);
  }

  public String field() {
    return violations.get(0).field();
  }

  public String reason() {
    return violations.get(0).message();
  }

  /** Every violation found, the first being {@link #field()} and {@link #reason()}. */
  public List<Violation> violations() {
    return violations;
  }

  /** The same error, located in a document of a multi-document input. */
  public InvalidInputException inDocument(String document) {
    return new InvalidInputException(
        violations.stream()
            .map(
                v ->
                    new Violation(
                        v.field().isEmpty() ? document : document + " " + v.field(), v.message()))
            .toList());
  }

  private static String describe(List<Violation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("invalid input needs at least one violation");
    }
    Violation first = violations.get(0);
    return first.field() + ": " + first.message();
  }
}
