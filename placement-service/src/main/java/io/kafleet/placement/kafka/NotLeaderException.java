package io.kafleet.placement.kafka;

/** This instance stands by: another instance leads the fleet and serves its API. */
public final class NotLeaderException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  NotLeaderException() {
    super("this placement-service instance is a standby; another instance leads the fleet");
  }
}
