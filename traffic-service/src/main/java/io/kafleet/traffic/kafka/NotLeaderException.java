package io.kafleet.traffic.kafka;

/** This instance stands by (another leads), or has just lost the lead: the caller retries. */
public class NotLeaderException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NotLeaderException() {
    super("this traffic-service instance stands by; another one leads (retry shortly)");
  }
}
