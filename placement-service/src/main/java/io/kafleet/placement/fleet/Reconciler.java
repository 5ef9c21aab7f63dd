package io.kafleet.placement.fleet;

import io.kafleet.placement.clusters.ClusterRegistry;
import io.kafleet.placement.scheduling.MemberState;
import io.kafleet.placement.works.DesiredWorks;
import io.kafleet.placement.works.DesiredWorks.Desired;
import io.kafleet.placement.works.WorkChange;
import io.kafleet.placement.works.WorkDiff;
import io.kafleet.placement.works.WorkId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Brings the execution spaces to the desired works: computes them from the state and the known
 * clusters, and writes only the difference, in one transaction. A work held back (its overrides do
 * not fit) is left as the cluster has it. Works of clusters it has not heard from are left as they
 * are: a cluster that is merely unknown so far is not emptied.
 */
public final class Reconciler {

  private final FleetState state;
  private final FleetStore store;
  private final ClusterRegistry clusters;
  private final KafkaSettings settings;
  private final Clock clock;

  public Reconciler(
      FleetState state,
      FleetStore store,
      ClusterRegistry clusters,
      KafkaSettings settings,
      Clock clock) {
    this.state = state;
    this.store = store;
    this.clusters = clusters;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * The clusters placement may use: every cluster that has sent a heartbeat, accepted and ready
   * until acceptance and readiness timeouts arrive.
   */
  List<MemberState> members() {
    return clusters.list().stream()
        .map(cluster -> new MemberState(cluster.name(), cluster.labels(), true, true))
        .toList();
  }

  /** What the given state (the fleet's, or one an apply would make) asks of the known clusters. */
  Desired desired(FleetState of) {
    return DesiredWorks.compute(of.templates(), of.policies(), of.overrides(), members());
  }

  /** Returns the changes written. Callers hold the fleet lock. */
  public List<WorkChange> reconcile() {
    List<MemberState> members = members();
    Set<String> known = members.stream().map(MemberState::name).collect(Collectors.toSet());
    Map<WorkId, String> emittedToKnown =
        state.emitted().entrySet().stream()
            .filter(entry -> known.contains(entry.getKey().cluster()))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    Desired desired =
        DesiredWorks.compute(state.templates(), state.policies(), state.overrides(), members);
    List<WorkChange> changes =
        WorkDiff.between(
            emittedToKnown,
            desired.works(),
            desired.held().stream().map(DesiredWorks.Held::id).collect(Collectors.toSet()));
    List<ProducerRecord<String, Object>> records = new ArrayList<>();
    for (WorkChange change : changes) {
      String topic = settings.topics().executionSpace(change.id().cluster());
      String key = change.id().key().toString();
      Object value =
          change instanceof WorkChange.Put put
              ? put.work().toEvent(state.generationOf(put.work().key()), clock.instant())
              : null;
      records.add(new ProducerRecord<>(topic, key, value));
    }
    store.writeAtomically(records);
    state.recordEmitted(changes);
    return changes;
  }
}
