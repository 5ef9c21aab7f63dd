package io.kafleet.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.WorkPhase;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class AgentMetricsTest {

  private final AgentMetrics metrics = AgentMetrics.create("member-1");

  @Test
  void theAgentsSeriesHaveTheNamesOfTheMetricContract() {
    metrics.applied("ConfigMap", WorkPhase.Applied, Duration.ofMillis(12));
    metrics.committed(Map.of(new TopicPartition("kafleet.es.member-1", 0), offset(5)));
    assertThat(agentNames(metrics.scrape()))
        .containsExactlyInAnyOrderElementsOf(
            List.of(
                "kafleet_agent_applies_total",
                "kafleet_agent_apply_duration_seconds_bucket",
                "kafleet_agent_apply_duration_seconds_count",
                "kafleet_agent_apply_duration_seconds_sum",
                "kafleet_agent_apply_duration_seconds_max",
                "kafleet_agent_works_pending",
                "kafleet_agent_committed_offset",
                "kafleet_agent_drift_corrections_total",
                "kafleet_agent_prunes_total",
                "kafleet_agent_heartbeats_sent_total"));
    assertThat(AgentMetrics.NAMES)
        .allSatisfy(
            name ->
                assertThat(agentNames(metrics.scrape()))
                    .anyMatch(series -> series.startsWith(name)));
  }

  @Test
  void everyAgentSeriesCarriesTheCluster() {
    metrics.applied("ConfigMap", WorkPhase.Failed, Duration.ofMillis(3));
    assertThat(agentLines(metrics.scrape()))
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).contains("cluster=\"member-1\""));
  }

  @Test
  void aKindSeenOnceHasEveryOutcomePruneAndCorrectionAtZero() {
    metrics.applied("Deployment", WorkPhase.Applied, Duration.ofMillis(40));
    String scrape = metrics.scrape();
    assertThat(scrape)
        .contains(series("kafleet_agent_applies_total", "Deployment", "Applied") + " 1.0")
        .contains(series("kafleet_agent_applies_total", "Deployment", "Failed") + " 0.0")
        .contains(series("kafleet_agent_applies_total", "Deployment", "Conflict") + " 0.0")
        .contains(
            "kafleet_agent_drift_corrections_total{cluster=\"member-1\",kind=\"Deployment\"} 0.0")
        .contains("kafleet_agent_prunes_total{cluster=\"member-1\",kind=\"Deployment\"} 0.0")
        .contains(
            "kafleet_agent_apply_duration_seconds_count{cluster=\"member-1\",kind=\"Deployment\"} 1");
  }

  @Test
  void countsMove() {
    metrics.pruned("Service");
    metrics.pruned("Service");
    metrics.corrected("Service");
    metrics.heartbeatSent();
    AgentMetrics.Pending pending = metrics.pending(3);
    pending.done();
    metrics.committed(Map.of(new TopicPartition("kafleet.es.member-1", 0), offset(41)));
    metrics.committed(Map.of(new TopicPartition("kafleet.es.member-1", 0), offset(42)));
    assertThat(metrics.scrape())
        .contains("kafleet_agent_prunes_total{cluster=\"member-1\",kind=\"Service\"} 2.0")
        .contains(
            "kafleet_agent_drift_corrections_total{cluster=\"member-1\",kind=\"Service\"} 1.0")
        .contains("kafleet_agent_heartbeats_sent_total{cluster=\"member-1\"} 1.0")
        .contains("kafleet_agent_works_pending{cluster=\"member-1\"} 2.0")
        .contains(
            "kafleet_agent_committed_offset{cluster=\"member-1\",partition=\"0\","
                + "topic=\"kafleet.es.member-1\"} 42.0");
  }

  @Test
  void aBatchCutShortIsPendingNoMore() {
    try (AgentMetrics.Pending first = metrics.pending(2)) {
      first.done();
      try (AgentMetrics.Pending second = metrics.pending(4)) {
        second.done();
        assertThat(metrics.scrape())
            .contains("kafleet_agent_works_pending{cluster=\"member-1\"} 4.0");
      }
      assertThat(metrics.scrape())
          .contains("kafleet_agent_works_pending{cluster=\"member-1\"} 1.0");
    }
    assertThat(metrics.scrape()).contains("kafleet_agent_works_pending{cluster=\"member-1\"} 0.0");
  }

  @Test
  void jvmMetricsComeToo() {
    assertThat(metrics.scrape())
        .contains("jvm_memory_used_bytes")
        .contains("jvm_gc_")
        .contains("jvm_threads_live_threads")
        .contains("jvm_classes_loaded_classes")
        .contains("process_cpu_usage");
  }

  private static String series(String name, String kind, String outcome) {
    return name + "{cluster=\"member-1\",kind=\"" + kind + "\",outcome=\"" + outcome + "\"}";
  }

  private static OffsetAndMetadata offset(long offset) {
    return new OffsetAndMetadata(offset);
  }

  private static List<String> agentLines(String scrape) {
    return Arrays.stream(scrape.split("\n")).filter(l -> l.startsWith("kafleet_agent_")).toList();
  }

  private static Set<String> agentNames(String scrape) {
    return agentLines(scrape).stream()
        .map(line -> line.substring(0, line.indexOf('{')))
        .collect(Collectors.toSet());
  }
}
