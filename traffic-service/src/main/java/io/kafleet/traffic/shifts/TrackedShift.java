package io.kafleet.traffic.shifts;

import io.kafleet.events.ShiftState;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A shift and where it stands in each target cluster, as the events traffic-service published say.
 * {@code completed} is the per-cluster map of the last {@code ShiftCompleted}, null before one.
 */
public final class TrackedShift {

  /** One cluster's state and when it was reached. */
  public record ClusterOutcome(Verdict verdict, Instant at) {
    public ClusterOutcome {
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(at, "at");
    }
  }

  private ShiftRecord record;
  private Long minGeneration;
  private final Map<String, ClusterOutcome> clusters = new TreeMap<>();
  private Map<String, ShiftState> completed;

  TrackedShift(ShiftRecord record) {
    this.record = record;
    this.minGeneration = record.minGeneration();
  }

  public ShiftRecord record() {
    return record;
  }

  public Long minGeneration() {
    return minGeneration;
  }

  public Map<String, ClusterOutcome> clusters() {
    return Map.copyOf(clusters);
  }

  public Map<String, ShiftState> completed() {
    return completed == null ? null : Map.copyOf(completed);
  }

  /** True when every target cluster converged. */
  public boolean converged() {
    return !clusters.isEmpty()
        && clusters.values().stream()
            .allMatch(outcome -> outcome.verdict().state() == ShiftState.Converged);
  }

  void replaceRecord(ShiftRecord better) {
    this.record = better;
    if (minGeneration == null) {
      minGeneration = better.minGeneration();
    }
  }

  void minGeneration(Long generation) {
    if (minGeneration == null) {
      minGeneration = generation;
    }
  }

  void put(String cluster, ClusterOutcome outcome) {
    clusters.put(cluster, outcome);
  }

  ClusterOutcome outcome(String cluster) {
    return clusters.get(cluster);
  }

  void completed(Map<String, ShiftState> states) {
    this.completed = new TreeMap<>(states);
  }
}
