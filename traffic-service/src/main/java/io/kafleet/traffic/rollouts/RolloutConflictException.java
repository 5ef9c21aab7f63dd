package io.kafleet.traffic.rollouts;

/** A command that does not fit where the rollout stands (e.g. promoting a finished one). */
public class RolloutConflictException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RolloutConflictException(String message) {
    super(message);
  }
}
