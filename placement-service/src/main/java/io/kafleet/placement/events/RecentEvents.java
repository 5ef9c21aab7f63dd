package io.kafleet.placement.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The most recent fleet events, a cache of the event topics (rebuilt from them at start), and
 * whoever follows them. Events are kept in the order they happened (their time, then where they
 * were read); when there are more than the capacity, the oldest go. A record read twice is kept and
 * handed on once.
 *
 * <p>A subscriber receives the most recent events and then every new one, as one sequence in which
 * nothing is missed and nothing comes twice. It is called under this object's lock, from the thread
 * that adds events: it must hand them on without blocking (to a queue of its own). One that throws
 * is dropped.
 */
public final class RecentEvents {

  /** How many the console asks for when it does not say. */
  public static final int DEFAULT_LIMIT = 100;

  private static final Comparator<TailedEvent> HAPPENED =
      Comparator.comparing(TailedEvent::occurredAt)
          .thenComparing(TailedEvent::topic)
          .thenComparingInt(TailedEvent::partition)
          .thenComparingLong(TailedEvent::offset);

  private final int capacity;
  private final TreeSet<TailedEvent> events = new TreeSet<>(HAPPENED);
  private final List<Consumer<TailedEvent>> subscribers = new ArrayList<>();

  public RecentEvents(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
    }
    this.capacity = capacity;
  }

  /** The most events a caller may ask for. */
  public int capacity() {
    return capacity;
  }

  /**
   * Keeps the events not kept yet and hands them to every subscriber, in the order given.
   *
   * @return those that were new
   */
  public synchronized List<TailedEvent> add(List<TailedEvent> batch) {
    List<TailedEvent> added = new ArrayList<>();
    for (TailedEvent event : batch) {
      if (events.add(event)) {
        added.add(event);
        if (events.size() > capacity) {
          events.pollFirst();
        }
      }
    }
    if (!added.isEmpty()) {
      subscribers.removeIf(subscriber -> !handedOn(subscriber, added));
    }
    return List.copyOf(added);
  }

  /** The most recent {@code limit} events (fewer when fewer are kept), oldest first. */
  public synchronized List<TailedEvent> latest(int limit) {
    checkLimit(limit);
    List<TailedEvent> latest = new ArrayList<>(Math.min(limit, events.size()));
    var newestFirst = events.descendingIterator();
    while (latest.size() < limit && newestFirst.hasNext()) {
      latest.add(newestFirst.next());
    }
    Collections.reverse(latest);
    return latest;
  }

  /**
   * Hands the subscriber the most recent {@code limit} events, oldest first, then every new one,
   * until it is removed.
   */
  public synchronized void subscribe(int limit, Consumer<TailedEvent> subscriber) {
    if (handedOn(subscriber, latest(limit))) {
      subscribers.add(subscriber);
    }
  }

  public synchronized void unsubscribe(Consumer<TailedEvent> subscriber) {
    subscribers.remove(subscriber);
  }

  public synchronized int subscribers() {
    return subscribers.size();
  }

  /** Why {@code limit} is not a number of events a caller may ask for; empty when it is. */
  public Optional<String> limitProblem(int limit) {
    return limit >= 1 && limit <= capacity
        ? Optional.empty()
        : Optional.of("limit must be between 1 and " + capacity + ", not " + limit);
  }

  private void checkLimit(int limit) {
    limitProblem(limit)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(problem);
            });
  }

  private static boolean handedOn(Consumer<TailedEvent> subscriber, List<TailedEvent> events) {
    try {
      events.forEach(subscriber);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
