package io.kafleet.traffic.kafka;

/** No rollout of that id is known. */
public class UnknownRolloutException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UnknownRolloutException(String id) {
    super("no rollout " + id + " is known");
  }
}
