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
 * in-memory clusters, an agent JVM and the CLI through ./kafleet): every figure is produced and
 * written. No timing is asserted: the figures are measurements, not expectations.
 */
class BenchSmokeIT {

  private static final String[] PERCENTILES = {"samples", "p50Ms", "p90Ms", "p99Ms", "maxMs"};

  @TempDir Path results;

  @Test
  void producesEveryFigure() throws Exception {
    Report report = Bench.run(BenchSettings.smoke(results));

    Map<String, Object> json = report.json();
    assertThat(json).as("the run's failure, if any").doesNotContainKey("failure");
    assertThat(json)
        .as("the run's sections")
        .containsKeys(
            "machine",
            "versions",
            "parameters",
            "registration",
            "floor",
            "fleet",
            "fanOut",
            "distribution",
            "shiftConvergence",
            "recovery",
            "footprint",
            "cliStartup",
            "floorMultiples");

    Map<String, Object> kafka = section(section(json, "floor"), "kafka");
    for (String figure : List.of("produceToConsume", "produceAcknowledged", "transactionCommit")) {
      assertThat(section(kafka, figure)).as("Kafka floor " + figure).containsKeys(PERCENTILES);
    }
    assertThat(section(section(section(json, "floor"), "serverSideApply"), "memory"))
        .as("server-side apply floor, in-memory API server")
        .containsKeys(PERCENTILES);

    Map<String, Object> fleet = section(json, "fleet");
    assertThat(fleet).containsKeys("small", "rest", "fleetWorks");
    assertThat(((Number) fleet.get("fleetWorks")).longValue())
        .as("the fleet present before the measured part")
        .isGreaterThanOrEqualTo(100);

    Map<String, Object> distribution = section(json, "distribution");
    assertThat(distribution).containsKeys("memoryx2", "memoryx2-smallfleet");
    for (String row : List.of("memoryx2", "memoryx2-smallfleet")) {
      for (String figure :
          List.of(
              "fromRequestSentToApplied",
              "fromRequestSentToInMember",
              "afterCallReturnedToApplied",
              "applyCall")) {
        assertThat(section(section(distribution, row), figure))
            .as(row + " " + figure)
            .containsKeys(PERCENTILES);
      }
      assertThat(section(distribution, row)).containsKey("fleetWorks");
    }
    assertThat(section(json, "floorMultiples"))
        .containsKeys("memoryx2", "memoryx2-applyCallP99FleetRatio");
    assertThat(section(section(json, "floorMultiples"), "memoryx2"))
        .containsKeys(
            "toAppliedP50", "toAppliedP99", "inMemberP99", "applyCallP99OverTransactionP99");

    assertThat((List<?>) json.get("fanOut")).as("fan-out rows").hasSize(1);
    assertThat(section((Map<?, ?>) ((List<?>) json.get("fanOut")).get(0), ""))
        .containsKeys(
            "worksPerSecond",
            "allAppliedMs",
            "applyCallMs",
            "fleetWorks",
            "latencyFromRequestSent");
    assertThat((List<?>) json.get("shiftConvergence")).as("shift rows").hasSize(1);
    Map<String, Object> recovery = section(json, "recovery");
    assertThat(section(recovery, "placementService"))
        .containsKeys("servesReadsMs", "statusCurrentMs", "reEmittedRecords", "works");
    assertThat(section(recovery, "agent")).containsKeys("startUpReconcileMs", "objects");
    Map<String, Object> agentJvm = section(section(json, "footprint"), "agentJvm");
    assertThat(section(agentJvm, "process")).containsKeys("rssMiB", "cpuSeconds");
    assertThat(section(json, "registration")).containsKeys("inProcessAgents", "agentJvmMs");

    Map<String, Object> cli = section(json, "cliStartup");
    for (String command : List.of("kafleet version", "kafleet get clusters")) {
      assertThat(section(cli, command)).as(command).containsKeys("medianMs", "minMs", "maxMs");
    }

    assertThat(report.summary())
        .contains(
            "0. floor",
            "1. distribution",
            "2. fan-out",
            "3. shift",
            "4. recovery",
            "5. footprint",
            "6. CLI start-up");
    assertThat(Files.readString(report.markdownFile()))
        .contains(
            "## 0. The floor",
            "| memoryx2 |",
            "| memoryx2-smallfleet |",
            "### 1b. The apply call",
            "### 1c. After the call returned",
            "## 6. CLI start-up",
            "`kafleet get clusters`");
    assertThat(report.jsonFile()).exists();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<?, ?> json, String key) {
    return key.isEmpty() ? (Map<String, Object>) json : (Map<String, Object>) json.get(key);
  }
}
