package io.kafleet.registry;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for something that other threads or instances bring about. */
final class Eventually {

  private Eventually() {}

  /**
   * Polls until the value satisfies the condition and returns it; fails with the last value seen.
   */
  static <T> T await(String expectation, Supplier<T> value, Predicate<T> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    T last = value.get();
    while (!condition.test(last)) {
      if (System.nanoTime() > deadline) {
        fail("Waited 30 s for " + expectation + "; last saw: " + last);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      last = value.get();
    }
    return last;
  }
}
