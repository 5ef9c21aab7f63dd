package io.kafleet.agent.work;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.kafleet.agent.ApplyOrder;
import io.kafleet.agent.apply.ApiKinds;
import io.kafleet.agent.apply.Applier;
import io.kafleet.agent.apply.Outcome;
import io.kafleet.agent.apply.Remover;
import io.kafleet.agent.drift.DriftEvent;
import io.kafleet.agent.drift.DriftWatcher;
import io.kafleet.agent.logging.ObjectLog;
import io.kafleet.agent.metrics.AgentMetrics;
import io.kafleet.agent.status.Live;
import io.kafleet.agent.status.StatusReporter;
import io.kafleet.events.Work;
import io.kafleet.events.WorkPhase;
import io.kafleet.schemas.ObjectKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings objects to their desired state and reports every outcome: applies, removes, reverts drift,
 * retries failures. Applies and removals go a rank at a time ({@link ApplyOrder#ranksForApply}),
 * the objects of one rank through {@link BoundedCalls} at once; only the API calls run on its
 * threads. Every outcome is recorded on the work loop's thread, the one thread that uses the
 * reconciler, so it keeps its bookkeeping in plain maps. Lines logged about one object carry its
 * key and generation in the MDC ({@link ObjectLog}), on whichever thread.
 */
public final class Reconciler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  private final Applier applier;
  private final Remover remover;
  private final StatusReporter reporter;
  private final ApiKinds kinds;
  private final DriftWatcher drift;
  private final ManagedInventory inventory;
  private final Retries<ObjectKey> retries;
  private final BoundedCalls calls;
  private final Clock clock;
  private final AgentMetrics metrics;
  private final Map<ObjectKey, Work> desired = new HashMap<>();
  private final Map<ObjectKey, Work> failedRemovals = new HashMap<>();

  /** The resourceVersion each object had after kafleet's last write: later ones are not ours. */
  private final Map<ObjectKey, String> writtenVersions = new HashMap<>();

  private final Map<ObjectKey, Live> reported = new HashMap<>();

  public Reconciler(
      Applier applier,
      Remover remover,
      StatusReporter reporter,
      ApiKinds kinds,
      DriftWatcher drift,
      ManagedInventory inventory,
      Retries<ObjectKey> retries,
      BoundedCalls calls,
      Clock clock,
      AgentMetrics metrics) {
    this.metrics = metrics;
    this.applier = applier;
    this.remover = remover;
    this.reporter = reporter;
    this.kinds = kinds;
    this.drift = drift;
    this.inventory = inventory;
    this.retries = retries;
    this.calls = calls;
    this.clock = clock;
  }

  /** The record key as an object key; a key that is not one is reported Failed, and null. */
  ObjectKey parseKey(String raw, Work work) {
    try {
      return ObjectKey.parse(raw);
    } catch (IllegalArgumentException | NullPointerException e) {
      reporter.report(
          String.valueOf(raw),
          work,
          Outcome.failed("the record key is not an object key: " + e.getMessage(), false));
      return null;
    }
  }

  /** Applies the works, a rank at a time, the works of one rank at once. */
  void apply(Map<ObjectKey, Work> works) throws InterruptedException {
    Map<ObjectKey, Applier.Known> known = new HashMap<>();
    works.forEach(
        (key, work) -> {
          desired.put(key, work);
          failedRemovals.remove(key);
          known.put(key, known(key));
        });
    try (AgentMetrics.Pending pending = metrics.pending(works.size())) {
      for (List<ObjectKey> rank : ApplyOrder.ranksForApply(List.copyOf(works.keySet()))) {
        calls.run(
            rank,
            key -> applyCounted(key, works.get(key), known.get(key)),
            (key, outcome) -> {
              pending.done();
              record(key, works.get(key), outcome);
            });
      }
    }
  }

  /**
   * Removes the objects of these keys, dependents first.
   *
   * @param lastInBatch per key, the work the batch sent just before the tombstone, newer than any
   *     applied (absent: none)
   */
  void remove(List<ObjectKey> keys, Map<ObjectKey, Work> lastInBatch) throws InterruptedException {
    Map<ObjectKey, Work> last = new HashMap<>();
    for (ObjectKey key : keys) {
      Work applied = desired.remove(key);
      Work known = lastInBatch.get(key) != null ? lastInBatch.get(key) : applied;
      putIfNotNull(last, key, known != null ? known : failedRemovals.get(key));
    }
    removeAll(keys, last, null);
  }

  /** Deletes what kafleet manages for this cluster but the execution space no longer holds. */
  void prune(DesiredSet read) throws InterruptedException {
    Set<ObjectKey> wanted = desired.keySet();
    List<ObjectKey> unwanted = new ArrayList<>();
    Map<ObjectKey, Work> last = new HashMap<>();
    for (ObjectKey key : inventory.keys()) {
      if (!wanted.contains(key)) {
        unwanted.add(key);
        putIfNotNull(last, key, read.lastBeforeRemoval(key.toString()));
      }
    }
    log.info("pruning {} managed objects no longer desired", unwanted.size());
    removeAll(unwanted, last, "pruned: no longer in the execution space");
  }

  /** Handles what the informers saw: reverts changes and deletions, reports status changes. */
  void correct(List<DriftEvent> events) {
    for (DriftEvent event : events) {
      ObjectKey key = event.key();
      Work work = desired.get(key);
      if (work == null) {
        continue;
      }
      if (event instanceof DriftEvent.StatusChanged status) {
        reportIfChanged(key, work, status.live());
      } else if (event instanceof DriftEvent.Changed changed
          && Objects.equals(version(changed.live()), writtenVersions.get(key))) {
        reportIfChanged(key, work, changed.live());
      } else {
        revert(key, work, event);
      }
    }
  }

  /** Tries again every object whose backoff is over: removals first, then applies. */
  void retryDue() throws InterruptedException {
    Map<ObjectKey, Work> applies = new HashMap<>();
    List<ObjectKey> removals = new ArrayList<>();
    Map<ObjectKey, Work> lastOfRemovals = new HashMap<>();
    for (ObjectKey key : retries.due(clock.instant())) {
      Work work = desired.get(key);
      if (work != null) {
        applies.put(key, work);
      } else {
        removals.add(key);
        putIfNotNull(lastOfRemovals, key, failedRemovals.get(key));
      }
    }
    removeAll(removals, lastOfRemovals, null);
    apply(applies);
  }

  void awaitReported() throws InterruptedException {
    reporter.awaitSent();
  }

  @Override
  public void close() {
    calls.close();
  }

  private void removeAll(List<ObjectKey> keys, Map<ObjectKey, Work> last, String message)
      throws InterruptedException {
    for (List<ObjectKey> rank : ApplyOrder.ranksForDeletion(keys)) {
      calls.run(
          rank,
          key -> ObjectLog.call(key, last.get(key), () -> remover.remove(key, last.get(key))),
          (key, outcome) -> recordRemoval(key, last.get(key), outcome, message));
    }
  }

  /** Applies one work, and counts and times the apply; on a thread of the calls. */
  private Outcome applyCounted(ObjectKey key, Work work, Applier.Known known) {
    return ObjectLog.call(
        key,
        work,
        () -> {
          long begun = System.nanoTime();
          Outcome outcome = applier.apply(key, work, known);
          metrics.applied(key.kind(), outcome.phase(), Duration.ofNanos(System.nanoTime() - begun));
          return outcome;
        });
  }

  private void revert(ObjectKey key, Work work, DriftEvent event) {
    ObjectLog.run(key, work, () -> revertLogged(key, work, event));
  }

  private void revertLogged(ObjectKey key, Work work, DriftEvent event) {
    Outcome outcome = applyCounted(key, work, Applier.Known.REVERT);
    if (outcome.phase() == WorkPhase.Applied
        && event instanceof DriftEvent.Changed changed
        && Objects.equals(version(outcome.live()), version(changed.live()))) {
      // The change touched nothing kafleet applies.
      writtenVersions.put(key, version(outcome.live()));
      reportIfChanged(key, work, outcome.live());
      return;
    }
    String what =
        event instanceof DriftEvent.Deleted
            ? "drift reverted: the object was deleted or lost kafleet's label, and was applied again"
            : "drift reverted: a change to fields kafleet applies was undone";
    log.info("{}: {}", key, what);
    if (outcome.phase() == WorkPhase.Applied) {
      metrics.corrected(key.kind());
    }
    record(key, work, withMessage(outcome, what));
  }

  private void record(ObjectKey key, Work work, Outcome outcome) {
    ObjectLog.run(key, work, () -> recordLogged(key, work, outcome));
  }

  private void recordLogged(ObjectKey key, Work work, Outcome outcome) {
    if (outcome.phase() == WorkPhase.Applied) {
      writtenVersions.put(key, version(outcome.live()));
      kinds.resolve(work.getApiVersion(), key.kind()).ifPresent(drift::watch);
    }
    if (outcome.retry()) {
      retries.failed(key, clock.instant());
    } else {
      retries.succeeded(key);
    }
    if (outcome.phase() != WorkPhase.Applied) {
      log.warn("{} {}: {}", key, outcome.phase(), outcome.message());
    }
    reported.put(key, reporter.report(key.toString(), work, outcome));
  }

  private void recordRemoval(ObjectKey key, Work last, Outcome outcome, String message) {
    ObjectLog.run(key, last, () -> recordRemovalLogged(key, last, outcome, message));
  }

  private void recordRemovalLogged(ObjectKey key, Work last, Outcome outcome, String message) {
    writtenVersions.remove(key);
    reported.remove(key);
    if (outcome.retry()) {
      failedRemovals.put(key, last);
      retries.failed(key, clock.instant());
    } else {
      failedRemovals.remove(key);
      retries.succeeded(key);
    }
    reporter.report(
        key.toString(),
        null,
        message != null && outcome.phase() == WorkPhase.Deleted
            ? withMessage(outcome, message)
            : outcome);
  }

  private void reportIfChanged(ObjectKey key, Work work, GenericKubernetesResource live) {
    Outcome outcome = Outcome.applied(live, null);
    Live now = reporter.live(key.toString(), outcome);
    if (!now.equals(reported.get(key))) {
      reported.put(key, reporter.report(key.toString(), work, outcome));
    }
  }

  private Applier.Known known(ObjectKey key) {
    return writtenVersions.containsKey(key)
        ? Applier.Known.WRITTEN_BY_KAFLEET
        : Applier.Known.NOTHING;
  }

  private static void putIfNotNull(Map<ObjectKey, Work> map, ObjectKey key, Work work) {
    if (work != null) {
      map.put(key, work);
    }
  }

  private static Outcome withMessage(Outcome outcome, String message) {
    String combined = outcome.message() == null ? message : message + "; " + outcome.message();
    return new Outcome(outcome.phase(), combined, outcome.live(), outcome.retry());
  }

  private static String version(GenericKubernetesResource object) {
    return object == null || object.getMetadata() == null
        ? null
        : object.getMetadata().getResourceVersion();
  }
}
