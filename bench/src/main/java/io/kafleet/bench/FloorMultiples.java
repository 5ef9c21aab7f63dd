package io.kafleet.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kafleet's figures as multiples of the floor measured in the same run (a pure function of the
 * run's results):
 *
 * <ul>
 *   <li>distribution (request sent → Applied, and → in the member's API server) and shift
 *       convergence: over one Kafka produce→consume plus one server-side apply on the same kind of
 *       API server, percentile by percentile. The least any design with Kafka between the control
 *       plane and the member can do is one such hop and one apply; kafleet's path has two Kafka
 *       hops (the work, then its status) and the HTTP call besides;
 *   <li>the apply call: over one one-record transaction commit on the same broker (the apply writes
 *       the template and its works in a transaction);
 *   <li>the apply call's p99 in the whole fleet over the same in the small fleet (the cost of the
 *       fleet's size).
 * </ul>
 *
 * A figure whose floor was not measured (no kube-apiserver in the run) is left out.
 */
final class FloorMultiples {

  private FloorMultiples() {}

  static Map<String, Object> of(Map<String, Object> results) {
    Map<String, Object> multiples = new LinkedHashMap<>();
    Map<String, Object> floor = map(results.get("floor"));
    Map<String, Object> kafka = map(floor.get("kafka"));
    Map<String, Object> hop = map(kafka.get("produceToConsume"));
    Map<String, Object> transaction = map(kafka.get("transactionCommit"));
    Map<String, Object> applies = map(floor.get("serverSideApply"));
    Map<String, Object> distribution = map(results.get("distribution"));
    for (Map.Entry<String, Object> entry : distribution.entrySet()) {
      String backend = entry.getKey().substring(0, entry.getKey().indexOf('x'));
      Map<String, Object> figure = map(entry.getValue());
      Map<String, Object> row = new LinkedHashMap<>();
      Map<String, Object> apply = map(applies.get(backend));
      if (!hop.isEmpty() && !apply.isEmpty()) {
        row.put("floorP50Ms", sum(hop, apply, "p50Ms"));
        row.put("floorP99Ms", sum(hop, apply, "p99Ms"));
        row.put("toAppliedP50", ratio(figure, "fromRequestSentToApplied", "p50Ms", hop, apply));
        row.put("toAppliedP99", ratio(figure, "fromRequestSentToApplied", "p99Ms", hop, apply));
        row.put("inMemberP99", ratio(figure, "fromRequestSentToInMember", "p99Ms", hop, apply));
      }
      if (!transaction.isEmpty()) {
        row.put(
            "applyCallP99OverTransactionP99",
            divide(
                number(map(figure.get("applyCall")).get("p99Ms")),
                number(transaction.get("p99Ms"))));
      }
      multiples.put(entry.getKey(), row);
      Map<String, Object> small = map(distribution.get(entry.getKey() + "-smallfleet"));
      if (!small.isEmpty()) {
        multiples.put(
            entry.getKey() + "-applyCallP99FleetRatio",
            divide(
                number(map(figure.get("applyCall")).get("p99Ms")),
                number(map(small.get("applyCall")).get("p99Ms"))));
      }
    }
    Map<String, Object> memoryApply = map(applies.get("memory"));
    if (!hop.isEmpty() && !memoryApply.isEmpty()) {
      for (Object value : list(results.get("shiftConvergence"))) {
        Map<String, Object> shift = map(value);
        multiples.put(
            "shift" + shift.get("clusters") + "P99",
            divide(number(shift.get("p99Ms")), sum(hop, memoryApply, "p99Ms")));
      }
    }
    return multiples;
  }

  private static double ratio(
      Map<String, Object> figure,
      String part,
      String percentile,
      Map<String, Object> hop,
      Map<String, Object> apply) {
    return divide(number(map(figure.get(part)).get(percentile)), sum(hop, apply, percentile));
  }

  private static double sum(Map<String, Object> a, Map<String, Object> b, String percentile) {
    return Percentiles.round(number(a.get(percentile)) + number(b.get(percentile)));
  }

  /** One decimal; a floor of 0 (below the clock's resolution) counts as 0.1 ms. */
  private static double divide(double figure, double floor) {
    return Percentiles.round(figure / Math.max(floor, 0.1));
  }

  private static double number(Object value) {
    return value == null ? 0 : ((Number) value).doubleValue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return value instanceof List<?> l ? (List<Object>) l : List.of();
  }
}
