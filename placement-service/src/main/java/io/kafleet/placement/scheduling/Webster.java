package io.kafleet.placement.scheduling;

import java.util.Comparator;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The Webster (Sainte-Laguë) apportionment Karmada's scheduler uses since v1.16 to divide replicas
 * by weight: replicas are handed out one at a time, each to the cluster with the highest {@code
 * weight / (2 * replicasSoFar + 1)}; on a tie the cluster with fewer replicas, then the smaller
 * name, goes first (Karmada's default tie-breaker). A cluster of weight 0 gets nothing.
 */
final class Webster {

  private record Party(String name, long votes, int seats) {}

  /** Higher priority first; compared exactly by cross-multiplying (weights fit in an int). */
  private static final Comparator<Party> NEXT_SEAT =
      ((Comparator<Party>)
              (a, b) ->
                  Long.compare(b.votes() * (2L * a.seats() + 1), a.votes() * (2L * b.seats() + 1)))
          .thenComparingInt(Party::seats)
          .thenComparing(Party::name);

  private Webster() {}

  /**
   * @param weights each cluster's weight, at most {@link Integer#MAX_VALUE}
   * @return every cluster's share, by name
   */
  static Map<String, Integer> apportion(int seats, Map<String, Long> weights) {
    Map<String, Integer> shares = new TreeMap<>();
    PriorityQueue<Party> queue = new PriorityQueue<>(NEXT_SEAT);
    weights.forEach(
        (name, weight) -> {
          if (weight < 0 || weight > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " weighs " + weight);
          }
          shares.put(name, 0);
          if (weight > 0) {
            queue.add(new Party(name, weight, 0));
          }
        });
    if (queue.isEmpty()) {
      return shares;
    }
    for (int seat = 0; seat < seats; seat++) {
      Party next = queue.poll();
      queue.add(new Party(next.name(), next.votes(), next.seats() + 1));
    }
    queue.forEach(party -> shares.put(party.name(), party.seats()));
    return shares;
  }
}
