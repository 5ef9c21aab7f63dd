package io.kafleet.traffic;

/**
 * A request traffic-service cannot accept, with the offending field's path (e.g. {@code
 * weights.green}) and what is wrong with it. Nothing is published for it.
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
}
