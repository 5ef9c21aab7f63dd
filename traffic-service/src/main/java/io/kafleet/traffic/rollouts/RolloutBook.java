package io.kafleet.traffic.rollouts;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.RolloutPhase;
import io.kafleet.events.RolloutProgress;
import io.kafleet.events.RolloutRequested;
import io.kafleet.traffic.analysis.Measurement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every rollout traffic-service knows of: what each asked (from the rollout requests topic) and
 * where it stands (from its own events). A request with no event yet is still to be started or
 * refused. Plain data; the owner serialises access.
 */
public final class RolloutBook {

  /**
   * A rollout: its spec (null for a request refused on its own terms), its state, and the phases it
   * went through to get there, oldest first.
   */
  public record Tracked(
      String id, RolloutSpec spec, RolloutState state, List<HistoryEntry> history) {
    public Tracked {
      history = List.copyOf(history);
    }

    /** When it was asked: as its request says, or its first event where the request is gone. */
    Instant requestedAt() {
      if (spec != null) {
        return spec.requestedAt();
      }
      return history.isEmpty() ? state.since() : history.get(0).at();
    }
  }

  /**
   * One phase a rollout passed, from its {@code RolloutProgress} event: the step and wave it was
   * about (the rollout's own where the event names none), when, the event's message, and the
   * measurements of an analysis check (or the failing ones of a rollback).
   */
  public record HistoryEntry(
      RolloutPhase phase,
      int step,
      int wave,
      Instant at,
      String message,
      List<Measurement> measurements) {
    public HistoryEntry {
      measurements = List.copyOf(measurements);
    }
  }

  private static final Comparator<Tracked> NEWEST_FIRST =
      Comparator.comparing(Tracked::requestedAt).reversed();

  private final Map<String, RolloutSpec> specs = new LinkedHashMap<>();
  private final Map<String, RolloutState> states = new LinkedHashMap<>();
  private final Map<String, List<HistoryEntry>> histories = new HashMap<>();
  private final Map<String, RolloutRequested> waiting = new LinkedHashMap<>();

  /** A request read from the topic; one known already (a replay, the API's own) changes nothing. */
  public void requested(RolloutRequested request) {
    String id = request.getCorrelationId();
    if (RolloutRequests.check(request).isEmpty()) {
      specs.putIfAbsent(id, RolloutRequests.spec(request));
    }
    if (!states.containsKey(id)) {
      waiting.putIfAbsent(id, request);
    }
  }

  public boolean knows(String id) {
    return states.containsKey(id);
  }

  /** Requests to start or refuse now, oldest first; each leaves this list once it has an event. */
  public List<RolloutRequested> waiting() {
    return new ArrayList<>(waiting.values());
  }

  public void apply(FleetEvent event) {
    if (!(event.getPayload() instanceof RolloutProgress progress)) {
      return;
    }
    String id = progress.getRolloutId();
    waiting.remove(id);
    if (!specs.containsKey(id) && progress.getPhase() != RolloutPhase.Failed) {
      return; // its request aged out of the requests topic: nothing to go on
    }
    List<Measurement> measurements =
        progress.getMeasurements().stream().map(Measurement::of).toList();
    RolloutState next =
        Rollouts.apply(
            specs.get(id), states.get(id), progress, measurements, event.getOccurredAt());
    if (next == null) {
      return;
    }
    states.put(id, next);
    if (progress.getPhase() == RolloutPhase.Started || progress.getPhase() == RolloutPhase.Failed) {
      histories.put(id, new ArrayList<>()); // as the state, the history starts afresh
    }
    histories
        .computeIfAbsent(id, k -> new ArrayList<>())
        .add(
            new HistoryEntry(
                progress.getPhase(),
                progress.getStepIndex() == null ? next.step() : progress.getStepIndex(),
                progress.getWave() == null ? next.wave() : progress.getWave(),
                event.getOccurredAt(),
                progress.getMessage(),
                measurements));
  }

  public Optional<Tracked> find(String id) {
    return states.containsKey(id) ? Optional.of(tracked(id)) : Optional.empty();
  }

  /** Every rollout with a state, newest first; the later known first where two tie. */
  public List<Tracked> all() {
    List<Tracked> all = new ArrayList<>();
    states.keySet().forEach(id -> all.add(0, tracked(id)));
    all.sort(NEWEST_FIRST);
    return all;
  }

  /** The rollouts with something still to do. */
  public List<Tracked> running() {
    List<Tracked> running = new ArrayList<>();
    states.forEach(
        (id, state) -> {
          if (!state.status().finished() && specs.containsKey(id)) {
            running.add(tracked(id));
          }
        });
    return running;
  }

  private Tracked tracked(String id) {
    return new Tracked(id, specs.get(id), states.get(id), histories.getOrDefault(id, List.of()));
  }
}
