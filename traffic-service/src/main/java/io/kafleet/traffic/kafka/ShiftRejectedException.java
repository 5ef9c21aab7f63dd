package io.kafleet.traffic.kafka;

import io.kafleet.validation.Violation;
import java.util.List;

/** A shift that does not fit the fleet: every violation, nothing published. */
public class ShiftRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  public ShiftRejectedException(List<Violation> violations) {
    super(violations.toString());
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
