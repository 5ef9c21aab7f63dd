package io.kafleet.agent.work;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When to try a failed object again: exponential backoff per key, doubling from the initial delay
 * up to the maximum. One object's failures never delay another's.
 */
public final class Retries<K> {

  private record Attempt(int failures, Instant due) {}

  private final Duration initial;
  private final Duration max;
  private final Map<K, Attempt> attempts = new HashMap<>();

  public Retries(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
  }

  /** Records one more failure of the key; returns when it is due again. */
  public Instant failed(K key, Instant now) {
    int failures = attempts.containsKey(key) ? attempts.get(key).failures() + 1 : 1;
    Duration delay = initial.multipliedBy(1L << Math.min(failures - 1, 30));
    if (delay.compareTo(max) > 0 || delay.isNegative()) {
      delay = max;
    }
    Instant due = now.plus(delay);
    attempts.put(key, new Attempt(failures, due));
    return due;
  }

  public void succeeded(K key) {
    attempts.remove(key);
  }

  public List<K> due(Instant now) {
    return attempts.entrySet().stream()
        .filter(entry -> !entry.getValue().due().isAfter(now))
        .map(Map.Entry::getKey)
        .toList();
  }
}
