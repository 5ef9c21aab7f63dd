package io.kafleet.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** A latency distribution in milliseconds, nearest-rank percentiles. */
public record Percentiles(int count, double p50, double p90, double p99, double max) {

  public static Percentiles ofNanos(Collection<Long> nanos) {
    if (nanos.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    double[] millis = nanos.stream().mapToDouble(n -> n / 1e6).sorted().toArray();
    return new Percentiles(
        millis.length,
        rank(millis, 50),
        rank(millis, 90),
        rank(millis, 99),
        millis[millis.length - 1]);
  }

  private static double rank(double[] sorted, int percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return round(sorted[Math.max(0, index)]);
  }

  public static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("samples", count);
    map.put("p50Ms", p50);
    map.put("p90Ms", p90);
    map.put("p99Ms", p99);
    map.put("maxMs", round(max));
    return map;
  }

  @Override
  public String toString() {
    return String.format(
        "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples)",
        p50, p90, p99, max, count);
  }
}
