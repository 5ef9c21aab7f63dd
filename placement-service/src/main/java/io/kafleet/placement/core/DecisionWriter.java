package io.kafleet.placement.core;

import java.util.List;

/** Where decisions go: the Kafka adapter writes one decision's intents all or none. */
@FunctionalInterface
public interface DecisionWriter {

  /**
   * Writes every intent, or none of them.
   *
   * @throws RuntimeException when they were not written
   */
  void write(List<Intent> intents);
}
