package io.kafleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Grafana dashboard of {@code deploy/grafana} queries only metrics of the contract in {@code
 * docs/operations.md}, and every panel queries at least one. That the running services export each
 * of them is {@code MetricsE2EIT}'s part, from a live scrape.
 */
class GrafanaDashboardTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final MetricContract CONTRACT =
      MetricContract.read(ROOT.resolve("docs").resolve("operations.md"));
  private final GrafanaDashboard dashboard = GrafanaDashboard.load(ROOT);

  @Test
  void theContractTableListsEveryMetricOfTheIssue() {
    assertThat(CONTRACT.seriesNames())
        .contains(
            "kafleet_placement_works_written_total",
            "kafleet_placement_apply_duration_seconds_bucket",
            "kafleet_placement_apply_duration_seconds_count",
            "kafleet_traffic_shift_convergence_seconds_sum",
            "kafleet_agent_applies_total",
            "kafleet_agent_heartbeats_sent_total")
        .doesNotContain("kafleet_placement_apply_duration_seconds", "/actuator/health/liveness");
  }

  @Test
  void everyPanelQueriesAtLeastOneMetricAndOnlyMetricsOfTheContract() {
    Map<String, Set<String>> byPanel = dashboard.metricsByPanel();
    assertThat(byPanel).as("panels of %s", GrafanaDashboard.FILE).hasSizeGreaterThanOrEqualTo(12);

    List<String> problems = new ArrayList<>();
    byPanel.forEach(
        (panel, metrics) -> {
          if (metrics.isEmpty()) {
            problems.add("panel '" + panel + "' queries no metric");
          }
          metrics.stream()
              .filter(metric -> !CONTRACT.allows(metric))
              .forEach(
                  metric ->
                      problems.add(
                          "panel '" + panel + "' queries " + metric + ", not in the contract"));
        });
    dashboard.variableMetrics().stream()
        .filter(metric -> !CONTRACT.allows(metric))
        .forEach(metric -> problems.add("a variable queries " + metric + ", not in the contract"));
    assertThat(problems)
        .as("metrics of %s checked against docs/operations.md", GrafanaDashboard.FILE)
        .isEmpty();
  }

  @Test
  void theDashboardCoversTheFleetTheClustersApplyLatencyAndShiftConvergence() {
    assertThat(dashboard.metrics())
        .contains(
            "kafleet_placement_clusters",
            "kafleet_placement_templates",
            "kafleet_placement_decisions_total",
            "kafleet_placement_works_written_total",
            "kafleet_placement_status_consumer_lag_records",
            "kafleet_placement_cluster_heartbeat_age_seconds",
            "kafleet_placement_apply_duration_seconds_bucket",
            "kafleet_agent_apply_duration_seconds_bucket",
            "kafleet_agent_applies_total",
            "kafleet_traffic_shift_convergence_seconds_bucket",
            "kafleet_traffic_shifts_total",
            "kafleet_traffic_rollouts_active",
            "kafleet_traffic_rollout_step_duration_seconds_bucket");
  }

  /** Imported or provisioned, it asks for a Prometheus data source and filters by cluster. */
  @Test
  void everyQueryUsesTheDataSourceVariableAndTheClusterVariableExists() throws Exception {
    JsonNode json = dashboard.json();
    assertThat(json.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
    List<String> variables = new ArrayList<>();
    json.path("templating").path("list").forEach(v -> variables.add(v.path("name").asString()));
    assertThat(variables).containsExactly("DS_PROMETHEUS", "cluster");
    List<String> dataSources = new ArrayList<>();
    for (JsonNode panel : dashboard.panels()) {
      dataSources.add(panel.path("datasource").path("uid").asString());
      panel
          .path("targets")
          .forEach(t -> dataSources.add(t.path("datasource").path("uid").asString()));
    }
    assertThat(dataSources).isNotEmpty().containsOnly("${DS_PROMETHEUS}");
    assertThat(Files.readString(ROOT.resolve(GrafanaDashboard.FILE)))
        .as("filtered by the cluster variable")
        .contains("cluster=~\\\"$cluster\\\"");
  }

  @Test
  void theTokenizerFindsMetricsNotFunctionsLabelsStringsOrVariables() {
    assertThat(
            PromQlMetricNames.in(
                "histogram_quantile(0.99, sum by (cluster, le) (rate(a_seconds_bucket{cluster=~\"$cluster\","
                    + " kind!=\"x(y)\"}[$__rate_interval])))"))
        .containsExactly("a_seconds_bucket");
    assertThat(
            PromQlMetricNames.in(
                "sum(rate(b_sum[5m])) without (instance) / on(job) group_left(team) c_count"
                    + " offset 1h > bool 0.5 unless d:recorded"))
        .containsExactly("b_sum", "c_count", "d:recorded");
    assertThat(PromQlMetricNames.in("sum(kafleet_traffic_rollouts_active) * ${factor} + 1e3"))
        .containsExactly("kafleet_traffic_rollouts_active");
    assertThat(PromQlMetricNames.in("vector(1) and on () time()")).isEmpty();
    assertThatThrownBy(() -> PromQlMetricNames.in("rate(x{job=\"y}[5m])"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unterminated string");
  }

  @Test
  void aMetricOutsideTheContractIsReported() {
    assertThat(CONTRACT.allows("kafleet_placement_works_written")).isFalse();
    assertThat(CONTRACT.allows("kafleet_agent_apply_duration_seconds_bucket")).isTrue();
    assertThat(CONTRACT.allows("kafleet_agent_works_pending_bucket")).isFalse();
  }
}
