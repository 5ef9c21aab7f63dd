package io.kafleet.placement.metrics;

import java.util.Map;

/** How far the status consumer is behind: records not yet read, by status topic. */
@FunctionalInterface
public interface StatusConsumerLag {

  /** The topics the consumer reads now, each with the records it has not read yet. */
  Map<String, Long> byTopic();
}
