package io.kafleet.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/** Waits for something that other threads or instances bring about. */
final class Eventually {

  private Eventually() {}

  /**
   * Polls until the value satisfies the condition and returns it; fails with the last value seen.
   */
  static <T> T await(String expectation, Supplier<T> value, Predicate<T> condition) {
    AtomicReference<T> last = new AtomicReference<>();
    Awaitility.await(expectation)
        .atMost(Duration.ofSeconds(30))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(
            () -> {
              last.set(value.get());
              assertThat(condition.test(last.get()))
                  .as("%s; last saw: %s", expectation, last.get())
                  .isTrue();
            });
    return last.get();
  }
}
