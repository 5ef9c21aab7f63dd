package io.kafleet.traffic.analysis;

import io.kafleet.events.MetricMeasurement;
import java.util.Objects;

/**
 * One metric of one check in one cluster: the value Prometheus gave (null with an {@code error}
 * when it gave none) and the range it had to be in.
 */
public record Measurement(
    String cluster, String metric, Double value, Double min, Double max, String error) {

  public Measurement {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(metric, "metric");
  }

  public static Measurement of(String cluster, Analysis.MetricGate gate, double value) {
    return new Measurement(cluster, gate.name(), value, gate.min(), gate.max(), null);
  }

  public static Measurement failed(String cluster, Analysis.MetricGate gate, String error) {
    return new Measurement(cluster, gate.name(), null, gate.min(), gate.max(), error);
  }

  public static Measurement of(MetricMeasurement event) {
    return new Measurement(
        event.getCluster(),
        event.getMetric(),
        event.getValue(),
        event.getMin(),
        event.getMax(),
        event.getError());
  }

  public MetricMeasurement toEvent() {
    return new MetricMeasurement(cluster, metric, value, min, max, error);
  }

  /** Within its range; no value (no data, no answer, NaN) never passes. */
  public boolean passed() {
    return error == null
        && value != null
        && !value.isNaN()
        && (min == null || value >= min)
        && (max == null || value <= max);
  }

  /** "request-success-rate in member2 was 79.5, outside 99..100", or what went wrong. */
  public String describe() {
    String where = metric + " in " + cluster;
    if (value == null || error != null) {
      return where + " has no value (" + error + ")";
    }
    return where
        + " was "
        + number(value)
        + (passed() ? ", within " : ", outside ")
        + range(min, max);
  }

  /** "99..", "..500" or "99..100". */
  static String range(Double min, Double max) {
    return (min == null ? "" : number(min)) + ".." + (max == null ? "" : number(max));
  }

  static String number(double value) {
    if (value == Math.rint(value) && !Double.isInfinite(value)) {
      return String.valueOf((long) value);
    }
    return String.valueOf(Math.round(value * 1000) / 1000.0);
  }
}
