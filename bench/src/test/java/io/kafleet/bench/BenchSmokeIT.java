package io.kafleet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness's smallest configuration end to end (a broker, the registry, both services, two
 * in-memory clusters and an agent JVM): every figure is produced and written. No timing is
 * asserted: the figures are measurements, not expectations.
 */
class BenchSmokeIT {

  @TempDir Path results;

  @Test
  void producesEveryFigure() throws Exception {
    Report report = Bench.run(BenchSettings.smoke(results));

    Map<String, Object> json = report.json();
    assertThat(json)
        .as("the run's sections")
        .containsKeys(
            "machine",
            "versions",
            "parameters",
            "registration",
            "fanOut",
            "distribution",
            "shiftConvergence",
            "recovery",
            "footprint");
    assertThat(section(json, "distribution")).as("distribution latency").containsKey("memoryx2");
    assertThat(section(section(json, "distribution"), "memoryx2"))
        .containsKeys("p50Ms", "p90Ms", "p99Ms", "maxMs");
    assertThat((List<?>) json.get("fanOut")).as("fan-out rows").hasSize(1);
    assertThat(section((Map<?, ?>) ((List<?>) json.get("fanOut")).get(0), ""))
        .containsKeys("worksPerSecond", "allAppliedMs");
    assertThat((List<?>) json.get("shiftConvergence")).as("shift rows").hasSize(1);
    Map<String, Object> recovery = section(json, "recovery");
    assertThat(section(recovery, "placementService"))
        .containsKeys("servesReadsMs", "statusCurrentMs", "reEmittedRecords", "works");
    assertThat(section(recovery, "agent")).containsKeys("startUpReconcileMs", "objects");
    Map<String, Object> agentJvm = section(section(json, "footprint"), "agentJvm");
    assertThat(section(agentJvm, "process")).containsKeys("rssMiB", "cpuSeconds");
    assertThat(section(json, "registration")).containsKeys("inProcessAgents", "agentJvmMs");
    assertThat(report.summary())
        .contains("1. distribution", "2. fan-out", "3. shift", "4. recovery", "5. footprint");
    assertThat(Files.readString(report.markdownFile())).contains("| memoryx2 |");
    assertThat(report.jsonFile()).exists();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<?, ?> json, String key) {
    return key.isEmpty() ? (Map<String, Object>) json : (Map<String, Object>) json.get(key);
  }
}
