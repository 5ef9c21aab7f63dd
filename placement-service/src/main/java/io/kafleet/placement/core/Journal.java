package io.kafleet.placement.core;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The undo log of one decision: every change the model makes while deciding goes through here, so
 * that a decision whose intents Kafka did not take is taken back whole, and the model stays what
 * Kafka holds.
 */
final class Journal {

  private final Deque<Runnable> undo = new ArrayDeque<>();

  <K, V> void put(Map<K, V> map, K key, V value) {
    boolean had = map.containsKey(key);
    V before = map.put(key, value);
    undo.push(
        () -> {
          if (had) {
            map.put(key, before);
          } else {
            map.remove(key);
          }
        });
  }

  <K, V> void remove(Map<K, V> map, K key) {
    if (map.containsKey(key)) {
      V before = map.remove(key);
      undo.push(() -> map.put(key, before));
    }
  }

  /** Adds the value to the key's set in the index. */
  <K, V> void add(Map<K, Set<V>> index, K key, V value) {
    Set<V> values = index.get(key);
    if (values == null) {
      values = new HashSet<>();
      put(index, key, values);
    }
    if (values.add(value)) {
      Set<V> added = values;
      undo.push(() -> added.remove(value));
    }
  }

  /** Removes the value from the key's set in the index, and the set when it becomes empty. */
  <K, V> void removeFrom(Map<K, Set<V>> index, K key, V value) {
    Set<V> values = index.get(key);
    if (values != null && values.remove(value)) {
      undo.push(() -> values.add(value));
      if (values.isEmpty()) {
        remove(index, key);
      }
    }
  }

  <V> void add(Set<V> set, V value) {
    if (set.add(value)) {
      undo.push(() -> set.remove(value));
    }
  }

  <V> void remove(Set<V> set, V value) {
    if (set.remove(value)) {
      undo.push(() -> set.add(value));
    }
  }

  void rollback() {
    while (!undo.isEmpty()) {
      undo.pop().run();
    }
  }

  void confirm() {
    undo.clear();
  }

  boolean isEmpty() {
    return undo.isEmpty();
  }
}
