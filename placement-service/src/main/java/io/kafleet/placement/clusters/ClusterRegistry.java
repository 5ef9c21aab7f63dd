package io.kafleet.placement.clusters;

import io.kafleet.events.ClusterHeartbeat;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * The member clusters, folded from their agents' heartbeats. A cache of the status topics, which
 * are the truth: it is rebuilt by reading them from the start.
 */
@Component
public class ClusterRegistry {

  private final ConcurrentMap<String, MemberCluster> clusters = new ConcurrentHashMap<>();

  /**
   * Records a heartbeat unless a newer one is already known, so that redelivered or reordered
   * heartbeats change nothing.
   *
   * @return whether placement may change: the cluster is new, or its labels changed
   */
  public boolean record(ClusterHeartbeat heartbeat) {
    MemberCluster latest = MemberCluster.from(heartbeat);
    MemberCluster before = clusters.get(latest.name());
    MemberCluster after =
        clusters.merge(
            latest.name(),
            latest,
            (known, candidate) ->
                candidate.lastHeartbeat().isBefore(known.lastHeartbeat()) ? known : candidate);
    return before == null || !before.labels().equals(after.labels());
  }

  public List<MemberCluster> list() {
    return clusters.values().stream().sorted(Comparator.comparing(MemberCluster::name)).toList();
  }

  public Optional<MemberCluster> get(String name) {
    return Optional.ofNullable(clusters.get(name));
  }
}
