package io.kafleet.traffic.rollouts;

import io.kafleet.events.HeaderMatch;
import io.kafleet.schemas.ObjectKey;
import io.kafleet.traffic.analysis.Analysis;
import io.kafleet.validation.RouteSelector;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a rollout was asked to do. Its id is the request's correlation id, so a request seen twice
 * (a replay, or the API's own request read back) is one rollout. {@code waves} empty means every
 * cluster holding the VirtualService at once; {@code canaryDeployment} is the Deployment whose
 * health gates each step when {@code requireCanaryHealthy}; {@code webhook}, when set, must answer
 * 2xx before each step's wave completes; {@code analysis}, when set, checks metrics on Prometheus
 * before each step's wave completes and rolls back on failures.
 */
public record RolloutSpec(
    String id,
    ObjectKey virtualService,
    RouteSelector route,
    String stableSubset,
    String canarySubset,
    List<Step> steps,
    List<List<String>> waves,
    boolean requireCanaryHealthy,
    Duration stepTimeout,
    URI webhook,
    Analysis analysis,
    ObjectKey canaryDeployment,
    String requestedBy,
    Instant requestedAt) {

  /**
   * One step: the canary's weight, then a pause; a null pause waits for a promotion. Requests
   * matching any of {@code testMatches} go to the canary during the step whatever the weights; with
   * an analysis, the step needs {@code checks} passing checks in a row.
   */
  public record Step(int canaryWeight, Duration pause, List<HeaderMatch> testMatches, int checks) {
    public Step {
      testMatches = List.copyOf(testMatches);
    }

    public Step(int canaryWeight, Duration pause) {
      this(canaryWeight, pause, List.of(), 1);
    }
  }

  /** The step "promote full" jumps to: everything to the canary, no pause. */
  public static final Step FULL = new Step(100, Duration.ZERO);

  public RolloutSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(virtualService, "virtualService");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(stableSubset, "stableSubset");
    Objects.requireNonNull(canarySubset, "canarySubset");
    Objects.requireNonNull(stepTimeout, "stepTimeout");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(requestedAt, "requestedAt");
    steps = List.copyOf(steps);
    waves = waves.stream().map(List::copyOf).toList();
  }

  /** The step at {@code index}; one past the last is {@link #FULL}. */
  public Step step(int index) {
    return index < steps.size() ? steps.get(index) : FULL;
  }

  /** At least one wave: without waves, one wave of "every cluster holding the VirtualService". */
  public int waveCount() {
    return Math.max(1, waves.size());
  }

  /** The clusters of a wave; empty means every cluster holding the VirtualService. */
  public List<String> wave(int index) {
    return waves.isEmpty() ? List.of() : waves.get(index);
  }

  /** Every cluster the rollout touches; empty means every cluster holding the VirtualService. */
  public List<String> allClusters() {
    return waves.stream().flatMap(List::stream).toList();
  }
}
