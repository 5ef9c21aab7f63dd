package io.kafleet.traffic.kafka;

/** The fleet view has not caught up with the topics yet: a shift cannot be checked. */
public class NotReadyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NotReadyException() {
    super("traffic-service is still reading the fleet from Kafka; retry shortly");
  }
}
