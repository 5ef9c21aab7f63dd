package io.kafleet.placement.scheduling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Divides a workload's replicas among the clusters that passed every filter, as Karmada's {@code
 * Divided} scheduling does on a first placement: by static weight, or by the replicas each cluster
 * has room for (dynamic weight, or aggregated onto as few clusters as suffice), each time with the
 * {@link Webster} apportionment.
 *
 * <p>Room is estimated from the heartbeat: free CPU and memory (allocatable minus allocated)
 * divided by one replica's requests. A cluster that reported no capacity has room for none, as
 * Karmada's general estimator says of a cluster without a resource summary. A workload that
 * requests neither CPU nor memory fits anywhere: every cluster with capacity counts {@code
 * spec.replicas}, so they weigh alike (Karmada's fallback for an unbounded estimate).
 *
 * <p>Where Karmada refuses to schedule because the clusters have room for fewer replicas than asked
 * (and keeps the previous placement), kafleet divides all the replicas in proportion to the room
 * there is and says so: on a first placement there is no previous one to keep, and removing a
 * running workload for want of room would be worse. With no room anywhere, no cluster gets a share.
 * Later decisions keep the split they find ({@link ClusterSelection}).
 */
final class ReplicaDivision {

  /** One cluster's share of the replicas, and on what basis. */
  record Share(int replicas, String basis) {}

  private ReplicaDivision() {}

  static Map<String, Share> divide(
      ReplicaScheduling scheduling, Replicas replicas, List<MemberState> candidates) {
    if (scheduling instanceof ReplicaScheduling.StaticWeights weights) {
      return byStaticWeight(weights.weights(), replicas.count(), candidates);
    }
    if (scheduling instanceof ReplicaScheduling.AvailableReplicas) {
      return byRoom(replicas, candidates, candidates);
    }
    if (scheduling instanceof ReplicaScheduling.Aggregated) {
      return aggregated(replicas, candidates);
    }
    throw new IllegalArgumentException(scheduling + " does not divide replicas");
  }

  /**
   * Each cluster weighs the most of the entries that match it; clusters no entry matches get
   * nothing, unless no entry matches any cluster: then all weigh 1 (both as in Karmada).
   */
  private static Map<String, Share> byStaticWeight(
      List<StaticWeight> weightList, int count, List<MemberState> candidates) {
    Map<String, Long> weights = new LinkedHashMap<>();
    for (MemberState cluster : candidates) {
      weights.put(
          cluster.name(),
          weightList.stream()
              .filter(entry -> entry.targetCluster().matches(cluster))
              .mapToLong(StaticWeight::weight)
              .max()
              .orElse(0));
    }
    long sum = weights.values().stream().mapToLong(Long::longValue).sum();
    if (sum == 0) {
      weights.replaceAll((cluster, weight) -> 1L);
      sum = weights.size();
    }
    long total = sum;
    Map<String, Integer> seats = Webster.apportion(count, weights);
    Map<String, Share> shares = new LinkedHashMap<>();
    weights.forEach(
        (cluster, weight) ->
            shares.put(
                cluster,
                new Share(
                    seats.get(cluster),
                    weight == 0
                        ? "no staticWeightList entry matches it"
                        : "static weight " + weight + " of " + total)));
    return shares;
  }

  /** Weighted by the replicas each cluster has room for ({@code dynamicWeight}). */
  private static Map<String, Share> byRoom(
      Replicas replicas, List<MemberState> weighed, List<MemberState> candidates) {
    Map<String, Long> room = new LinkedHashMap<>();
    weighed.forEach(cluster -> room.put(cluster.name(), room(cluster, replicas)));
    long total = room.values().stream().mapToLong(Long::longValue).sum();
    String shortfall =
        total < replicas.count() && total > 0
            ? "; the clusters have room for only "
                + total
                + " of "
                + replicas.count()
                + " replicas, divided in proportion all the same"
            : "";
    Map<String, Integer> seats = Webster.apportion(replicas.count(), room);
    Map<String, Share> shares = new LinkedHashMap<>();
    for (MemberState cluster : candidates) {
      Long clusterRoom = room.get(cluster.name());
      if (clusterRoom == null) {
        shares.put(
            cluster.name(),
            new Share(
                0,
                "Aggregated: clusters with more available replicas hold all " + replicas.count()));
      } else if (clusterRoom == 0) {
        shares.put(cluster.name(), new Share(0, noRoom(cluster)));
      } else {
        shares.put(
            cluster.name(),
            new Share(
                seats.get(cluster.name()),
                "available replicas " + clusterRoom + " of " + total + shortfall));
      }
    }
    return shares;
  }

  /**
   * The clusters with the most room first (then by name), as few as hold every replica (all of them
   * if none suffice), divided among them by room.
   */
  private static Map<String, Share> aggregated(Replicas replicas, List<MemberState> candidates) {
    List<MemberState> byRoom = new ArrayList<>(candidates);
    byRoom.sort(
        Comparator.comparingLong((MemberState cluster) -> room(cluster, replicas))
            .reversed()
            .thenComparing(MemberState::name));
    List<MemberState> chosen = new ArrayList<>();
    long held = 0;
    for (MemberState cluster : byRoom) {
      if (held >= replicas.count()) {
        break;
      }
      chosen.add(cluster);
      held += room(cluster, replicas);
    }
    return byRoom(replicas, chosen, candidates);
  }

  static long room(MemberState cluster, Replicas replicas) {
    if (cluster.capacity().isEmpty()) {
      return 0;
    }
    if (!replicas.requestsResources()) {
      return replicas.count();
    }
    long room = cluster.capacity().get().room(replicas.cpuMillisEach(), replicas.memoryBytesEach());
    return Math.min(room, Integer.MAX_VALUE);
  }

  private static String noRoom(MemberState cluster) {
    return cluster.capacity().isEmpty()
        ? "available replicas 0: the cluster reported no capacity"
        : "available replicas 0: its free CPU or memory is less than one replica requests";
  }
}
