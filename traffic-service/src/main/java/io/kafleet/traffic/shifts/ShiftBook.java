package io.kafleet.traffic.shifts;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.ObjectRef;
import io.kafleet.events.ShiftCompleted;
import io.kafleet.events.ShiftProgress;
import io.kafleet.events.ShiftState;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.traffic.fleet.FleetView;
import io.kafleet.traffic.fleet.StoredTemplate;
import io.kafleet.traffic.fleet.Weights;
import io.kafleet.traffic.shifts.TrackedShift.ClusterOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every shift traffic-service knows of and where it stands per cluster. {@link #evaluate} proposes
 * the transitions (as event payloads) without changing anything; only events that were published
 * are {@link #apply applied}, so the book is always what the events topic says and is rebuilt by
 * applying that topic again at start-up. Plain data; the owner serialises access.
 */
public final class ShiftBook {

  static final String REQUESTED_BY = "requested by ";

  private final Map<String, TrackedShift> shifts = new LinkedHashMap<>();
  private final Duration timeout;

  public ShiftBook(Duration timeout) {
    this.timeout = timeout;
  }

  /** Starts tracking a shift; a shift known already (a replay) keeps its state. */
  public void register(ShiftRecord record) {
    TrackedShift known = shifts.get(record.id());
    if (known == null) {
      shifts.put(record.id(), new TrackedShift(record));
    } else {
      known.replaceRecord(record);
    }
  }

  public Optional<TrackedShift> find(String id) {
    return Optional.ofNullable(shifts.get(id));
  }

  /** The shifts of one VirtualService, oldest first. */
  public List<TrackedShift> history(ObjectKey virtualService) {
    return shifts.values().stream()
        .filter(shift -> shift.record().virtualService().equals(virtualService))
        .sorted((a, b) -> a.record().requestedAt().compareTo(b.record().requestedAt()))
        .toList();
  }

  /** Takes in an event traffic-service published (now, or before a restart). */
  public void apply(FleetEvent event) {
    if (event.getPayload() instanceof ShiftProgress progress) {
      TrackedShift shift =
          shifts.computeIfAbsent(progress.getShiftId(), id -> new TrackedShift(recordOf(progress)));
      if (progress.getState() == ShiftState.Published) {
        shift.minGeneration(progress.getGeneration());
      }
      shift.put(
          progress.getCluster(),
          new ClusterOutcome(
              new Verdict(
                  progress.getState(),
                  progress.getObserved(),
                  progress.getGeneration(),
                  progress.getMessage()),
              event.getOccurredAt()));
    } else if (event.getPayload() instanceof ShiftCompleted completed) {
      TrackedShift shift = shifts.get(completed.getShiftId());
      if (shift != null) {
        shift.completed(completed.getClusters());
      }
    }
  }

  /**
   * The transitions due now: a new shift is Published to its target clusters, each waiting
   * cluster's state is decided afresh ({@link Convergence}), and a shift whose clusters all have an
   * outcome is completed when that outcome map is new.
   */
  public List<SpecificRecord> evaluate(FleetView fleet, Instant now) {
    Map<ObjectKey, String> newest = new HashMap<>();
    for (TrackedShift shift : history()) {
      newest.put(shift.record().virtualService(), shift.record().id());
    }
    List<SpecificRecord> due = new ArrayList<>();
    for (TrackedShift shift : shifts.values()) {
      ShiftRecord record = shift.record();
      boolean superseded = !record.id().equals(newest.get(record.virtualService()));
      if (shift.converged() || (superseded && shift.completed() != null)) {
        continue;
      }
      due.addAll(evaluate(shift, fleet, now));
    }
    return due;
  }

  private List<SpecificRecord> evaluate(TrackedShift shift, FleetView fleet, Instant now) {
    ShiftRecord record = shift.record();
    List<SpecificRecord> due = new ArrayList<>();
    Map<String, Verdict> states = new TreeMap<>();
    shift.clusters().forEach((cluster, outcome) -> states.put(cluster, outcome.verdict()));
    long minGeneration =
        shift.minGeneration() != null
            ? shift.minGeneration()
            : fleet.template(record.virtualService()).map(StoredTemplate::generation).orElse(0L);
    if (states.isEmpty()) {
      if (shift.completed() != null) {
        return due;
      }
      Collection<String> targets =
          record.clusters().isEmpty()
              ? fleet.clustersHolding(record.virtualService())
              : record.clusters();
      for (String cluster : targets) {
        Verdict published =
            new Verdict(
                ShiftState.Published, null, minGeneration, REQUESTED_BY + record.requestedBy());
        states.put(cluster, published);
        due.add(progress(record, cluster, published));
      }
    }
    Convergence.Expectation expected =
        new Convergence.Expectation(
            record.requested(),
            record.testRoute() == null ? null : record.testRoute().getSubset(),
            minGeneration,
            record.requestedAt().plus(timeout));
    for (Map.Entry<String, Verdict> entry : states.entrySet()) {
      String cluster = entry.getKey();
      Verdict current = entry.getValue();
      if (current.state() == ShiftState.Converged) {
        continue;
      }
      Verdict next =
          Convergence.decide(
              expected,
              fleet.work(cluster, record.virtualService()),
              fleet.report(cluster, record.virtualService()),
              now);
      // An outcome is never undone into waiting; it only gives way to another outcome.
      boolean changed =
          next.isOutcome() && (next.state() != current.state() || !sameObservation(next, current));
      if (changed) {
        entry.setValue(next);
        due.add(progress(record, cluster, next));
      }
    }
    Map<String, ShiftState> outcome = new TreeMap<>();
    states.forEach((cluster, verdict) -> outcome.put(cluster, verdict.state()));
    boolean allDecided = states.values().stream().allMatch(Verdict::isOutcome);
    if (allDecided && !outcome.equals(shift.completed())) {
      due.add(
          new ShiftCompleted(
              record.id(),
              ref(record.virtualService()),
              !outcome.isEmpty()
                  && outcome.values().stream().allMatch(ShiftState.Converged::equals),
              new LinkedHashMap<>(outcome)));
    }
    return due;
  }

  private static boolean sameObservation(Verdict a, Verdict b) {
    if (a.observed() == null || b.observed() == null) {
      return a.observed() == b.observed();
    }
    return Weights.same(a.observed(), b.observed());
  }

  private List<TrackedShift> history() {
    return shifts.values().stream()
        .sorted((a, b) -> a.record().requestedAt().compareTo(b.record().requestedAt()))
        .toList();
  }

  private static ShiftProgress progress(ShiftRecord record, String cluster, Verdict verdict) {
    return new ShiftProgress(
        record.id(),
        ref(record.virtualService()),
        cluster,
        verdict.state(),
        record.requested(),
        verdict.observed(),
        verdict.generation(),
        verdict.message(),
        record.requestedAt());
  }

  public static ObjectRef ref(ObjectKey key) {
    return new ObjectRef(key.group(), key.kind(), key.namespace(), key.name());
  }

  /** A shift known only from its events: its command has aged out of the shifts topic. */
  private static ShiftRecord recordOf(ShiftProgress progress) {
    ObjectRef ref = progress.getVirtualService();
    String message = progress.getMessage();
    String by =
        progress.getState() == ShiftState.Published
                && message != null
                && message.startsWith(REQUESTED_BY)
            ? message.substring(REQUESTED_BY.length())
            : "unknown";
    return new ShiftRecord(
        progress.getShiftId(),
        new ObjectKey(ref.getGroup(), ref.getKind(), ref.getNamespace(), ref.getName()),
        progress.getRequested(),
        // The events do not carry the test route; a shift known only from them is taken to want
        // none.
        null,
        List.of(),
        by,
        progress.getRequestedAt(),
        progress.getShiftId().startsWith("apply-")
            ? ShiftRecord.Origin.APPLY
            : ShiftRecord.Origin.API,
        null,
        null,
        null,
        null);
  }
}
