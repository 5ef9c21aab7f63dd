package io.kafleet.traffic.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricQueriesTest {

  private static final Analysis.MetricGate SUCCESS_RATE =
      new Analysis.MetricGate("request-success-rate", null, 99.0, null, Duration.ofMinutes(1));

  @Test
  void aBuiltInOnASharedPrometheusIsScopedByTheClusterLabel() {
    assertThat(
            MetricQueries.render(
                SUCCESS_RATE,
                new MetricQueries.Scope("test", "podinfo-green", "member2", "cluster")))
        .isEqualTo(
            "sum(rate(istio_requests_total{reporter=\"destination\","
                + "destination_workload_namespace=\"test\",destination_workload=~\"podinfo-green\","
                + "cluster=\"member2\",response_code!~\"5.*\"}[60s])) / "
                + "sum(rate(istio_requests_total{reporter=\"destination\","
                + "destination_workload_namespace=\"test\",destination_workload=~\"podinfo-green\","
                + "cluster=\"member2\"}[60s])) * 100");
  }

  @Test
  void aBuiltInOnTheClustersOwnPrometheusNeedsNoClusterLabel() {
    assertThat(
            MetricQueries.render(
                new Analysis.MetricGate(
                    "request-duration", null, null, 500.0, Duration.ofSeconds(30)),
                new MetricQueries.Scope("test", "podinfo-green", "member1", null)))
        .isEqualTo(
            "histogram_quantile(0.99, sum(rate(istio_request_duration_milliseconds_bucket{"
                + "reporter=\"destination\",destination_workload_namespace=\"test\","
                + "destination_workload=~\"podinfo-green\"}[30s])) by (le))");
  }

  @Test
  void aTemplateGetsItsVariablesWithOrWithoutSpaces() {
    Analysis.MetricGate custom =
        new Analysis.MetricGate(
            "404s",
            "sum(rate(x{ns=\"{{namespace}}\",w=\"{{ target }}\",c=\"{{  cluster }}\"}[{{ interval }}]))",
            null,
            5.0,
            Duration.ofSeconds(90));
    assertThat(
            MetricQueries.render(custom, new MetricQueries.Scope("test", "web", "m1", "cluster")))
        .isEqualTo("sum(rate(x{ns=\"test\",w=\"web\",c=\"m1\"}[90s]))");
    assertThat(MetricQueries.unknownVariable(custom.query())).isEmpty();
    assertThat(MetricQueries.unknownVariable("up{job=\"{{ job }}\"}")).contains("job");
    assertThat(MetricQueries.isBuiltIn("request-success-rate")).isTrue();
    assertThat(MetricQueries.isBuiltIn("404s")).isFalse();
  }

  @Test
  void aClustersOwnPrometheusComesBeforeTheGlobalOne() {
    PrometheusServers servers =
        new PrometheusServers(
            URI.create("http://global:9090"),
            "kubernetes_cluster",
            Map.of("member2", URI.create("http://member2-prometheus:9090")));
    assertThat(servers.forCluster("member1"))
        .contains(
            new PrometheusServers.Server(URI.create("http://global:9090"), "kubernetes_cluster"));
    assertThat(servers.forCluster("member2"))
        .contains(new PrometheusServers.Server(URI.create("http://member2-prometheus:9090"), null));
    PrometheusServers onlyMember2 =
        new PrometheusServers(null, "cluster", Map.of("member2", URI.create("http://p:9090")));
    assertThat(onlyMember2.forCluster("member1")).isEmpty();
    assertThat(onlyMember2.any()).isTrue();
    assertThat(PrometheusServers.NONE.any()).isFalse();
  }

  @Test
  void aMeasurementSaysWhatItWasAgainstItsRange() {
    assertThat(Measurement.of("member2", SUCCESS_RATE, 79.54321).describe())
        .isEqualTo("request-success-rate in member2 was 79.543, outside 99..");
    assertThat(Measurement.of("member2", SUCCESS_RATE, 100).describe())
        .isEqualTo("request-success-rate in member2 was 100, within 99..");
    assertThat(new Measurement("m", "d", 501.0, null, 500.0, null).passed()).isFalse();
    assertThat(new Measurement("m", "d", 500.0, null, 500.0, null).passed()).isTrue();
  }
}
