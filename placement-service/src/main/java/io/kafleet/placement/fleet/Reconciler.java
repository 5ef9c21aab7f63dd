package io.kafleet.placement.fleet;

import io.kafleet.placement.clusters.Admission;
import io.kafleet.placement.clusters.ClusterRegistry;
import io.kafleet.placement.clusters.ClusterStatus;
import io.kafleet.placement.scheduling.MemberState;
import io.kafleet.placement.works.DesiredWorks;
import io.kafleet.placement.works.DesiredWorks.Desired;
import io.kafleet.placement.works.SecretSealing;
import io.kafleet.placement.works.WorkChange;
import io.kafleet.placement.works.WorkDiff;
import io.kafleet.placement.works.WorkId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Brings the execution spaces to the desired works: computes them from the state and the known
 * clusters, and writes only the difference, in one transaction. A work held back (its overrides do
 * not fit) stays as it is.
 */
public final class Reconciler {

  private final FleetState state;
  private final FleetStore store;
  private final ClusterRegistry clusters;
  private final KafkaSettings settings;
  private final SecretSealing sealing;
  private final Clock clock;

  /**
   * The fleet's own desired works, with what they were computed from. Computing them renders every
   * work of the fleet: an apply asked for them three times (twice to check for newly held works,
   * once to reconcile), and a profile showed that as the biggest cost of an apply.
   */
  private Desired fleetDesired;

  private long fleetDesiredVersion = -1;
  private List<MemberState> fleetDesiredMembers = List.of();
  private Map<String, String> fleetDesiredKeys = Map.of();

  public Reconciler(
      FleetState state,
      FleetStore store,
      ClusterRegistry clusters,
      KafkaSettings settings,
      SecretSealing sealing,
      Clock clock) {
    this.state = state;
    this.store = store;
    this.clusters = clusters;
    this.settings = settings;
    this.sealing = sealing;
    this.clock = clock;
  }

  /** What the given state (the fleet's, or one an apply would make) asks of the known clusters. */
  Desired desired(FleetState of) {
    List<ClusterStatus> known = clusters.list();
    return of == state ? fleetDesired(known) : desired(of, members(known), sealingKeys(known));
  }

  /**
   * Writes the changes that bring the execution spaces to the desired works, with the given
   * records, in one transaction, and returns the changes. Callers hold the fleet lock.
   *
   * <p>A cluster that is accepted but not ready keeps the works it has (only works of deleted
   * templates are removed) until it is ready again, so that a missed heartbeat never empties a
   * cluster. Clusters the fleet has not heard of are left alone.
   */
  public List<WorkChange> reconcile(List<ProducerRecord<String, Object>> alongWith) {
    List<ClusterStatus> known = clusters.list();
    Set<String> following =
        known.stream()
            .filter(c -> c.ready() || !c.accepted())
            .map(ClusterStatus::name)
            .collect(Collectors.toSet());
    Set<String> holding =
        known.stream()
            .filter(c -> c.accepted() && !c.ready())
            .map(ClusterStatus::name)
            .collect(Collectors.toSet());
    Desired desired = fleetDesired(known);
    state.recordPlans(desired);
    Map<WorkId, String> emitted = state.emitted();
    List<WorkChange> changes =
        new ArrayList<>(
            WorkDiff.between(
                filterByCluster(emitted, following),
                desired.works(),
                desired.held().stream().map(DesiredWorks.Held::id).collect(Collectors.toSet())));
    emitted.keySet().stream()
        .filter(
            id ->
                holding.contains(id.cluster()) && state.find(state.templateOf(id.key())).isEmpty())
        .sorted(Comparator.comparing(WorkId::toString))
        .forEach(id -> changes.add(new WorkChange.Remove(id)));
    List<ProducerRecord<String, Object>> records = new ArrayList<>(alongWith);
    for (WorkChange change : changes) {
      String topic = settings.topics().executionSpace(change.id().cluster());
      String key = change.id().key().toString();
      Object value =
          change instanceof WorkChange.Put put
              ? put.work()
                  .toEvent(state.generationOf(state.templateOf(put.work().key())), clock.instant())
              : null;
      records.add(new ProducerRecord<>(topic, key, value));
    }
    store.writeAtomically(records);
    state.recordEmitted(changes);
    return changes;
  }

  /**
   * The cluster's works as they are now, each asking its agent to keep the object when the work is
   * removed: sent before a leave that keeps the cluster's objects removes them.
   */
  List<ProducerRecord<String, Object>> preservedCopies(String cluster) {
    Map<WorkId, String> emitted = state.emitted();
    List<ProducerRecord<String, Object>> records = new ArrayList<>();
    for (var work : fleetDesired(clusters.list()).works()) {
      WorkId id = new WorkId(work.cluster(), work.key());
      if (!work.cluster().equals(cluster) || !emitted.containsKey(id)) {
        continue;
      }
      records.add(
          new ProducerRecord<>(
              settings.topics().executionSpace(cluster),
              work.key().toString(),
              work.preservedCopy()
                  .toEvent(state.generationOf(state.templateOf(work.key())), clock.instant())));
    }
    return records;
  }

  /**
   * The fleet state's desired works, computed again only when the state, a member or a sealing key
   * changed.
   */
  private Desired fleetDesired(List<ClusterStatus> known) {
    List<MemberState> members = members(known);
    Map<String, String> keys = sealingKeys(known);
    if (fleetDesired == null
        || fleetDesiredVersion != state.version()
        || !fleetDesiredMembers.equals(members)
        || !fleetDesiredKeys.equals(keys)) {
      fleetDesired = desired(state, members, keys);
      fleetDesiredVersion = state.version();
      fleetDesiredMembers = members;
      fleetDesiredKeys = keys;
    }
    return fleetDesired;
  }

  /** The desired works, Secrets sealed for their clusters or held where a cluster has no key. */
  private Desired desired(FleetState of, List<MemberState> members, Map<String, String> keys) {
    return sealing.apply(
        DesiredWorks.compute(of.templates(), of.policies(), of.overrides(), members), keys);
  }

  private static List<MemberState> members(List<ClusterStatus> known) {
    return known.stream().map(ClusterStatus::toMemberState).toList();
  }

  /** The clusters' sealing public keys, by cluster name. */
  private Map<String, String> sealingKeys(List<ClusterStatus> known) {
    Map<String, String> keys = new HashMap<>();
    for (ClusterStatus cluster : known) {
      clusters
          .admission(cluster.name())
          .flatMap(Admission::sealingPublicKey)
          .ifPresent(key -> keys.put(cluster.name(), key));
    }
    return keys;
  }

  private static Map<WorkId, String> filterByCluster(
      Map<WorkId, String> works, Set<String> clusters) {
    return works.entrySet().stream()
        .filter(entry -> clusters.contains(entry.getKey().cluster()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
