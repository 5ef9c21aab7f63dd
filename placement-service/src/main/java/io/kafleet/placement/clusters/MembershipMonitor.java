package io.kafleet.placement.clusters;

import io.kafleet.events.ClusterStateChanged;
import io.kafleet.placement.fleet.Fleet;
import io.kafleet.placement.scheduling.MemberState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Notices when the clusters placement may use change (a cluster joins, is accepted, goes NotReady
 * or comes back, changes labels or taints), tells the fleet to reconcile, and publishes each
 * cluster's accepted/ready transitions. Heartbeats trigger a check at once; a cluster that goes
 * silent is noticed by the periodic check.
 */
@Component
public class MembershipMonitor {

  private final ClusterRegistry registry;
  private final Fleet fleet;
  private Map<String, MemberState> known = Map.of();

  MembershipMonitor(ClusterRegistry registry, Fleet fleet) {
    this.registry = registry;
    this.fleet = fleet;
  }

  @Scheduled(fixedDelayString = "${kafleet.clusters.readiness-check-interval:1s}")
  public synchronized void check() {
    List<ClusterStatus> clusters = registry.list();
    Map<String, MemberState> now =
        clusters.stream()
            .map(ClusterStatus::toMemberState)
            .collect(Collectors.toMap(MemberState::name, Function.identity()));
    if (now.equals(known)) {
      return;
    }
    List<ClusterStateChanged> transitions = new ArrayList<>();
    for (ClusterStatus cluster : clusters) {
      MemberState before = known.get(cluster.name());
      if (before == null
          || before.accepted() != cluster.accepted()
          || before.ready() != cluster.ready()) {
        transitions.add(
            new ClusterStateChanged(
                cluster.name(), cluster.ready(), cluster.accepted(), cluster.condition()));
      }
    }
    fleet.reconcile(transitions);
    known = now;
  }
}
