package io.kafleet.traffic.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real Prometheus of {@code scripts/prometheus-binary.sh} scraping {@link IstioSeriesExporter}:
 * Flagger's built-in request-success-rate and request-duration queries, scoped to one member
 * cluster by its {@code cluster} label, read back what the exporter serves.
 */
class PrometheusSmokeIT {

  private static final String NAMESPACE = "default";
  private static final String WORKLOAD = "podinfo-green";
  private static final String WINDOW = "10s";

  private static IstioSeriesExporter exporter;
  private static PrometheusProcess prometheus;

  @BeforeAll
  static void start() throws Exception {
    exporter = IstioSeriesExporter.start();
    exporter.serve("member1", NAMESPACE, WORKLOAD, 100, 0.0, 100);
    exporter.serve("member2", NAMESPACE, WORKLOAD, 100, 0.2, 500);
    prometheus = PrometheusProcess.start(exporter.target());
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (exporter != null) {
      exporter.close();
    }
  }

  @Test
  void theSuccessRateOfEachClusterIsWhatItServes() {
    awaitValue(successRate("member1"), 100.0);
    awaitValue(successRate("member2"), 80.0);
    assertThat(prometheus.queryAll(successRate("member3")))
        .as("the success rate of a cluster that serves nothing")
        .isEmpty();
  }

  @Test
  void theP99DurationIsTheLatencyServedWithinItsIstioBucket() {
    // Every request takes exactly the latency served, on a bucket's upper bound: the quantile is
    // interpolated to 99 % of the way through that bucket.
    awaitValue(p99("member1"), 99.5);
    awaitValue(p99("member2"), 497.5);
  }

  @Test
  void servingAgainChangesTheRatesWithoutResettingTheCounters() {
    exporter.serve("member3", NAMESPACE, "podinfo-blue", 50, 0.5, 10);
    awaitValue(successRate("member3", "podinfo-blue"), 50.0);
    exporter.serve("member3", NAMESPACE, "podinfo-blue", 50, 0.0, 10);
    awaitValue(successRate("member3", "podinfo-blue"), 100.0);
    assertThat(
            prometheus.query(
                "sum(resets(istio_requests_total{cluster=\"member3\"}[1m]))"
                    + " + sum(resets(istio_request_duration_milliseconds_count{cluster=\"member3\"}[1m]))"))
        .as("counter resets of member3's series")
        .isZero();
  }

  /** Flagger's request-success-rate query, in one cluster. */
  private static String successRate(String cluster) {
    return successRate(cluster, WORKLOAD);
  }

  private static String successRate(String cluster, String workload) {
    String selector =
        "reporter=\"destination\",destination_workload_namespace=\"%s\",destination_workload=~\"%s\",cluster=\"%s\""
            .formatted(NAMESPACE, workload, cluster);
    return ("sum(rate(istio_requests_total{%s,response_code!~\"5.*\"}[%s]))"
            + " / sum(rate(istio_requests_total{%s}[%s])) * 100")
        .formatted(selector, WINDOW, selector, WINDOW);
  }

  /** Flagger's request-duration query (the 99th percentile, in milliseconds), in one cluster. */
  private static String p99(String cluster) {
    return ("histogram_quantile(0.99, sum(rate(istio_request_duration_milliseconds_bucket{"
            + "reporter=\"destination\",destination_workload_namespace=\"%s\","
            + "destination_workload=~\"%s\",cluster=\"%s\"}[%s])) by (le))")
        .formatted(NAMESPACE, WORKLOAD, cluster, WINDOW);
  }

  private static void awaitValue(String promql, double expected) {
    Awaitility.await(promql + " giving " + expected)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> assertThat(prometheus.query(promql)).as(promql).isCloseTo(expected, within(0.5)));
  }
}
