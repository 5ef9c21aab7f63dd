package io.kafleet.agent;

import io.kafleet.schemas.ObjectKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which the agent applies, and deletes, the objects of its execution space: by {@link
 * ApplyRank}, and within a rank by key (group, kind, namespace, name). Sorting by key rather than
 * keeping the input order makes the order the same whatever order the works were consumed in, which
 * differs between partitions and restarts. Deletion is the exact reverse of apply.
 */
public final class ApplyOrder {

  private static final Comparator<ObjectKey> APPLY =
      Comparator.comparing(ApplyRank::of)
          .thenComparing(ObjectKey::group)
          .thenComparing(ObjectKey::kind)
          .thenComparing(ObjectKey::namespace)
          .thenComparing(ObjectKey::name);

  private ApplyOrder() {}

  /** The keys in apply order: dependencies (Namespaces, CRDs, ...) before what needs them. */
  public static List<ObjectKey> forApply(List<ObjectKey> keys) {
    List<ObjectKey> ordered = new ArrayList<>(requireDistinct(keys));
    ordered.sort(APPLY);
    return List.copyOf(ordered);
  }

  /** The keys in deletion order, the reverse of {@link #forApply}: dependents first. */
  public static List<ObjectKey> forDeletion(List<ObjectKey> keys) {
    List<ObjectKey> ordered = new ArrayList<>(forApply(keys));
    Collections.reverse(ordered);
    return List.copyOf(ordered);
  }

  /**
   * The keys of {@link #forApply} cut into one group per {@link ApplyRank}, in rank order, without
   * empty groups. The keys of one group need nothing from each other and may be applied at once; a
   * group starts once the one before it is done.
   */
  public static List<List<ObjectKey>> ranksForApply(List<ObjectKey> keys) {
    List<List<ObjectKey>> groups = new ArrayList<>();
    ApplyRank current = null;
    for (ObjectKey key : forApply(keys)) {
      ApplyRank rank = ApplyRank.of(key);
      if (rank != current) {
        groups.add(new ArrayList<>());
        current = rank;
      }
      groups.get(groups.size() - 1).add(key);
    }
    return groups.stream().map(List::copyOf).toList();
  }

  /** The groups of {@link #ranksForApply} in reverse, each in deletion order: dependents first. */
  public static List<List<ObjectKey>> ranksForDeletion(List<ObjectKey> keys) {
    List<List<ObjectKey>> groups = new ArrayList<>();
    for (List<ObjectKey> group : ranksForApply(keys)) {
      List<ObjectKey> reversed = new ArrayList<>(group);
      Collections.reverse(reversed);
      groups.add(0, List.copyOf(reversed));
    }
    return List.copyOf(groups);
  }

  // A key listed twice means the caller merged two views of the execution space wrongly; applying
  // it twice would hide that.
  private static List<ObjectKey> requireDistinct(List<ObjectKey> keys) {
    if (keys == null) {
      throw new IllegalArgumentException("keys to order must not be null");
    }
    Map<ObjectKey, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      ObjectKey key = keys.get(i);
      if (key == null) {
        throw new IllegalArgumentException("keys[" + i + "] is null");
      }
      Integer earlier = firstIndex.putIfAbsent(key, i);
      if (earlier != null) {
        throw new IllegalArgumentException(
            "object key " + key + " is listed twice: keys[" + earlier + "] and keys[" + i + "]");
      }
    }
    return keys;
  }
}
