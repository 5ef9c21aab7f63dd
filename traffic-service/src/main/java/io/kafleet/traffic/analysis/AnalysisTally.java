package io.kafleet.traffic.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The checks of the current step and wave so far, as the rollout's {@code Analysed} events say: how
 * many, how many passed in a row, how many each cluster failed in a row, and the last one.
 */
public record AnalysisTally(
    int checks,
    int passedInARow,
    Map<String, Integer> failedInARow,
    Instant lastCheckAt,
    List<Measurement> last) {

  /** Before the step's first check. */
  public static final AnalysisTally NONE = new AnalysisTally(0, 0, Map.of(), null, List.of());

  public AnalysisTally {
    failedInARow = Map.copyOf(failedInARow);
    last = List.copyOf(last);
  }

  /** A check passes when every measurement does (a check without metrics passes). */
  public static boolean passed(List<Measurement> measurements) {
    return measurements.stream().allMatch(Measurement::passed);
  }

  /** The tally after a check: a cluster with a failed measurement fails it, any other passes. */
  public AnalysisTally record(List<Measurement> measurements, Instant at) {
    Map<String, Integer> failed = new TreeMap<>();
    for (Measurement measurement : measurements) {
      if (!measurement.passed()) {
        failed.put(measurement.cluster(), failedInARow.getOrDefault(measurement.cluster(), 0) + 1);
      }
    }
    return new AnalysisTally(
        checks + 1, passed(measurements) ? passedInARow + 1 : 0, failed, at, measurements);
  }

  /** When the next check is due: one interval after the last, or after the step started. */
  public Instant nextCheckAt(Instant stepStarted, Duration interval) {
    return (lastCheckAt == null ? stepStarted : lastCheckAt).plus(interval);
  }

  /** The first cluster, by name, that failed {@code threshold} checks in a row. */
  public Optional<String> overThreshold(int threshold) {
    return new TreeMap<>(failedInARow)
        .entrySet().stream()
            .filter(e -> e.getValue() >= threshold)
            .map(Map.Entry::getKey)
            .findFirst();
  }

  /** The failed measurements of {@code cluster} in the last check. */
  public List<Measurement> failing(String cluster) {
    return last.stream().filter(m -> m.cluster().equals(cluster) && !m.passed()).toList();
  }
}
