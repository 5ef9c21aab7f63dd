package io.kafleet.traffic.analysis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The metric checks that gate every step of a rollout: one check every {@code interval}, each
 * asking every metric of every cluster the step shifted; a cluster that fails {@code threshold}
 * checks in a row rolls the rollout back.
 */
public record Analysis(Duration interval, int threshold, List<MetricGate> metrics) {

  public Analysis {
    Objects.requireNonNull(interval, "interval");
    metrics = List.copyOf(metrics);
  }

  /**
   * One metric and the range its value must be in. {@code query} is PromQL with the variables of
   * {@link MetricQueries}; null for a built-in. {@code window} is the query's {@code {{ interval
   * }}}.
   */
  public record MetricGate(String name, String query, Double min, Double max, Duration window) {
    public MetricGate {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(window, "window");
    }

    /** "99..", "..500" or "99..100". */
    public String range() {
      return Measurement.range(min, max);
    }
  }
}
