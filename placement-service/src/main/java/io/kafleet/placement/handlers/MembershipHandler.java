package io.kafleet.placement.handlers;

import io.kafleet.events.ClusterStateChanged;
import io.kafleet.placement.clusters.Admission;
import io.kafleet.placement.clusters.ClusterRegistry;
import io.kafleet.placement.clusters.ClusterStatus;
import io.kafleet.placement.core.Decision;
import io.kafleet.placement.core.FleetModel;
import io.kafleet.placement.core.Intent;
import io.kafleet.placement.core.SingleWriter;
import io.kafleet.placement.scheduling.MemberState;
import io.kafleet.placement.works.WorkChange;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Membership: the operator's decisions on clusters (admit, leave) and the clusters' own changes
 * (joined, NotReady, labels...), each with the work changes it causes and the clusters'
 * accepted/ready transitions, in one decision. Only what could include a changed cluster is
 * rendered again.
 */
public final class MembershipHandler {

  private final SingleWriter writer;
  private final ClusterRegistry registry;
  private final Clock clock;

  /** The members as of the last decision, to tell transitions by. */
  private Map<String, MemberState> known = Map.of();

  private Map<String, String> knownKeys = Map.of();

  public MembershipHandler(SingleWriter writer, ClusterRegistry registry, Clock clock) {
    this.writer = writer;
    this.registry = registry;
    this.clock = clock;
  }

  /** The members and sealing keys as the registry has them now. */
  public Map<String, MemberState> members() {
    return members(registry.list());
  }

  public Map<String, String> sealingKeys() {
    Map<String, String> keys = new HashMap<>();
    for (ClusterStatus cluster : registry.list()) {
      registry
          .admission(cluster.name())
          .flatMap(Admission::sealingPublicKey)
          .ifPresent(key -> keys.put(cluster.name(), key));
    }
    return keys;
  }

  /**
   * Acts on what changed in the clusters since the last decision, if anything did; then decides
   * again the templates whose decision is due (a toleration of a cluster's taint, or a graceful
   * eviction's grace period, ran out).
   */
  public synchronized void check() {
    decide(model -> List.of(), false);
    writer.decide(FleetModel::reviewDue);
  }

  /** Stores the operator's decision on a cluster, with what it changes in the fleet. */
  public synchronized void admit(String cluster, Admission admission) {
    Optional<Admission> before = registry.admission(cluster);
    registry.admit(cluster, admission);
    try {
      decide(model -> List.of(new Intent.Admit(cluster, admission)), true);
    } catch (RuntimeException e) {
      registry.admit(cluster, before.orElse(null));
      throw e;
    }
  }

  /**
   * Takes a cluster out of the fleet's placement: records it as not accepted (its sealing key
   * forgotten), so that nothing is placed there any more, and removes every work it has, in one
   * decision. With {@code keepResources}, each work is first sent again asking the agent to keep
   * its object (preserveOnDeletion), so that the agent unmarks the objects instead of deleting
   * them.
   *
   * @return the object keys of the works removed from the cluster
   */
  public synchronized List<String> leave(String cluster, boolean keepResources) {
    Optional<Admission> before = registry.admission(cluster);
    Admission left = new Admission(false, List.of(), "leave", clock.instant());
    registry.admit(cluster, left);
    Decision decision;
    try {
      decision =
          decide(
              model -> {
                // Before the decision removes them: the works as the cluster has them now.
                List<Intent> first =
                    new ArrayList<>(keepResources ? model.preservedCopies(cluster) : List.of());
                first.add(new Intent.Admit(cluster, left));
                return first;
              },
              true);
    } catch (RuntimeException e) {
      registry.admit(cluster, before.orElse(null));
      throw e;
    }
    return decision.workChanges().stream()
        .filter(change -> change instanceof WorkChange.Remove)
        .map(WorkChange::id)
        .filter(id -> id.cluster().equals(cluster))
        .map(id -> id.key().toString())
        .toList();
  }

  /**
   * @param first the intents that carry the operator's decision, from the model before it
   * @param always decide even when no member changed
   */
  private Decision decide(Function<FleetModel, List<Intent>> first, boolean always) {
    List<ClusterStatus> clusters = registry.list();
    Map<String, MemberState> now = members(clusters);
    Map<String, String> keys = sealingKeys();
    if (!always && now.equals(known) && keys.equals(knownKeys)) {
      return new Decision(List.of(), List.of(), List.of());
    }
    List<Intent> transitions = new ArrayList<>();
    for (ClusterStatus cluster : clusters) {
      MemberState before = known.get(cluster.name());
      if (before == null
          || before.accepted() != cluster.accepted()
          || before.ready() != cluster.ready()) {
        transitions.add(
            new Intent.Publish(
                cluster.name(),
                new ClusterStateChanged(
                    cluster.name(), cluster.ready(), cluster.accepted(), cluster.condition())));
      }
    }
    Decision decision =
        writer.decide(
            model -> {
              List<Intent> intents = new ArrayList<>(first.apply(model));
              intents.addAll(transitions);
              return model.membersChanged(now, keys, intents);
            });
    known = now;
    knownKeys = keys;
    return decision;
  }

  private static Map<String, MemberState> members(List<ClusterStatus> clusters) {
    Map<String, MemberState> members = new TreeMap<>();
    clusters.forEach(cluster -> members.put(cluster.name(), cluster.toMemberState()));
    return members;
  }
}
