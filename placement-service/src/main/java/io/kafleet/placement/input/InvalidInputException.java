package io.kafleet.placement.input;

/**
 * Input kafleet cannot accept, with the offending field's path (e.g. {@code
 * spec.placement.replicaScheduling}) and what is wrong with it.
 */
public class InvalidInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final String reason;

  public InvalidInputException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
    this.reason = reason;
  }

  public String field() {
    return field;
  }

  public String reason() {
    return reason;
  }

  /** The same error, located in a document of a multi-document input. */
  public InvalidInputException inDocument(String document) {
    return new InvalidInputException(document + " " + field, reason);
  }
}
