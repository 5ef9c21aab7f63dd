package io.kafleet.placement.clusters;

import io.kafleet.events.ClusterHeartbeat;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * The member clusters: their agents' latest heartbeats and the operator's admissions. A cache of
 * the status topics and of {@code kafleet.clusters}, which are the truth: it is rebuilt by reading
 * them from the start.
 */
@Component
public class ClusterRegistry {

  private final ConcurrentMap<String, MemberCluster> heartbeats = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Admission> admissions = new ConcurrentHashMap<>();
  private final ClusterSettings settings;
  private final Clock clock;

  public ClusterRegistry(ClusterSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Records a heartbeat unless a newer one is already known, so that redelivered or reordered
   * heartbeats change nothing.
   */
  public void record(ClusterHeartbeat heartbeat) {
    MemberCluster latest = MemberCluster.from(heartbeat);
    heartbeats.merge(
        latest.name(),
        latest,
        (known, candidate) ->
            candidate.lastHeartbeat().isBefore(known.lastHeartbeat()) ? known : candidate);
  }

  /** Records the operator's decision on a cluster; null forgets it. */
  public void admit(String cluster, Admission admission) {
    if (admission == null) {
      admissions.remove(cluster);
    } else {
      admissions.put(cluster, admission);
    }
  }

  /** Every cluster heard from or decided on, as of now, by name. */
  public List<ClusterStatus> list() {
    TreeSet<String> names = new TreeSet<>(heartbeats.keySet());
    names.addAll(admissions.keySet());
    return names.stream().map(this::statusOf).toList();
  }

  public Optional<ClusterStatus> get(String name) {
    return heartbeats.containsKey(name) || admissions.containsKey(name)
        ? Optional.of(statusOf(name))
        : Optional.empty();
  }

  public Optional<Admission> admission(String name) {
    return Optional.ofNullable(admissions.get(name));
  }

  private ClusterStatus statusOf(String name) {
    return Membership.of(
        name, heartbeats.get(name), admissions.get(name), settings, clock.instant());
  }
}
