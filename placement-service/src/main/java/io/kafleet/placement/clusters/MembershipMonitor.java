package io.kafleet.placement.clusters;

import io.kafleet.events.ClusterStateChanged;
import io.kafleet.placement.fleet.Leadership;
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
 * silent is noticed by the periodic check. Only the leading instance acts; a new leader reconciles
 * on taking over, so the transitions it publishes are the ones it saw.
 */
@Component
public class MembershipMonitor {

  private final ClusterRegistry registry;
  private final Leadership leadership;
  private Map<String, MemberState> known = Map.of();

  MembershipMonitor(ClusterRegistry registry, Leadership leadership) {
    this.registry = registry;
    this.leadership = leadership;
  }

  @Scheduled(fixedDelayString = "${kafleet.clusters.readiness-check-interval:1s}")
  public synchronized void check() {
    List<ClusterStatus> clusters = registry.list();
    Map<String, MemberState> now =
        clusters.stream()
            .map(ClusterStatus::toMemberState)
            .collect(Collectors.toMap(MemberState::name, Function.identity()));
    var fleet = leadership.fleet();
    if (fleet.isEmpty() || now.equals(known)) {
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
    fleet.get().reconcile(transitions);
    known = now;
  }
}
