package io.kafleet.kafka.embedded;

/**
 * A topic-name prefix of one's own, so that tests sharing a broker never see each other's records.
 * kafleet's {@code Topics} takes it as its prefix.
 */
public record TestTopics(String prefix) {

  public String name(String base) {
    return prefix + base;
  }
}
