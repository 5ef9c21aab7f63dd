package io.kafleet.agent.work;

import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For the crash test only: halts the JVM, as a kill would (no shutdown hooks, no commit, no flush),
 * after a set number of applies. Without a limit it does nothing.
 */
public final class ApplyBudget {

  /** The exit code of a halt, distinct from a normal failure's. */
  public static final int HALT_EXIT_CODE = 77;

  private static final Logger log = LoggerFactory.getLogger(ApplyBudget.class);

  private final OptionalLong limit;
  private long spent;

  public ApplyBudget(OptionalLong limit) {
    this.limit = limit;
  }

  void spend() {
    spent++;
    if (limit.isPresent() && spent >= limit.getAsLong()) {
      log.warn("halting after {} applies, as {} asks", spent, "KAFLEET_TEST_HALT_AFTER_APPLIES");
      Runtime.getRuntime().halt(HALT_EXIT_CODE);
    }
  }
}
