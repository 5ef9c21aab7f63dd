package io.kafleet.placement.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.events.ClusterHeartbeat;
import io.kafleet.events.Health;
import io.kafleet.events.RecordSkipped;
import io.kafleet.events.StatusEvent;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusBatchTest {

  private static final String PREFIX = "kafleet.status.";

  @Test
  void sortsAPollIntoHeartbeatsAndReportsInTheirOrder() {
    StatusBatch batch =
        StatusBatch.of(
            List.of(PREFIX + "member1", PREFIX + "member2", PREFIX + "member1"),
            List.of(
                new StatusEvent("member1", report("member1", "a")),
                new StatusEvent("member2", heartbeat("member2")),
                new StatusEvent("member1", report("member1", "b"))),
            PREFIX);

    assertThat(batch.heartbeats())
        .extracting(ClusterHeartbeat::getCluster)
        .containsExactly("member2");
    assertThat(batch.reports())
        .extracting(WorkStatus::getObjectKey)
        .containsExactly("core/ConfigMap/default/a", "core/ConfigMap/default/b");
    assertThat(batch.ignored()).isEmpty();
  }

  @Test
  void leavesOutWhatClaimsAnotherClusterThanItsTopicsAndTombstones() {
    StatusBatch batch =
        StatusBatch.of(
            List.of(PREFIX + "member1", PREFIX + "member1", PREFIX + "member1", PREFIX + "member1"),
            Arrays.asList(
                new StatusEvent("member2", report("member2", "a")),
                new StatusEvent("member1", report("member2", "b")),
                new StatusEvent("member1", heartbeat("member2")),
                null),
            PREFIX);

    assertThat(batch.heartbeats()).isEmpty();
    assertThat(batch.reports()).isEmpty();
    assertThat(batch.ignored())
        .containsExactly(
            "'member2' on kafleet.status.member1",
            "'member2' on kafleet.status.member1",
            "'member2' on kafleet.status.member1");
  }

  @Test
  void anAgentsReportOfASkippedRecordIsKeptOnlyFromItsOwnTopic() {
    StatusBatch batch =
        StatusBatch.of(
            List.of(PREFIX + "member1", PREFIX + "member1"),
            List.of(
                new StatusEvent("member1", skipped("member1")),
                new StatusEvent("member2", skipped("member2"))),
            PREFIX);

    assertThat(batch.skipped())
        .extracting(RecordSkipped::getTopic)
        .containsExactly("kafleet.es.member1");
    assertThat(batch.ignored()).containsExactly("'member2' on kafleet.status.member1");
  }

  @Test
  void refusesABatchWhoseTopicsDoNotMatchItsEvents() {
    assertThatThrownBy(
            () ->
                StatusBatch.of(
                    List.of(PREFIX + "member1"),
                    List.of(
                        new StatusEvent("member1", heartbeat("member1")),
                        new StatusEvent("member1", heartbeat("member1"))),
                    PREFIX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a batch of 2 status events came with 1 topics");
  }

  private static RecordSkipped skipped(String cluster) {
    return new RecordSkipped(
        "propagation-agent/" + cluster,
        "kafleet.es." + cluster,
        0,
        7L,
        null,
        "the first byte is 1",
        Instant.EPOCH);
  }

  private static WorkStatus report(String cluster, String name) {
    return WorkStatus.newBuilder()
        .setCluster(cluster)
        .setObjectKey("core/ConfigMap/default/" + name)
        .setPhase(WorkPhase.Applied)
        .setHealth(Health.Healthy)
        .setReportedAt(Instant.ofEpochSecond(1))
        .build();
  }

  private static ClusterHeartbeat heartbeat(String cluster) {
    return ClusterHeartbeat.newBuilder()
        .setCluster(cluster)
        .setKubernetesVersion("v1.36.3")
        .setNodeCount(1)
        .setAllocatableCpuMillis(1000)
        .setAllocatableMemoryBytes(1L << 30)
        .setAllocatedCpuMillis(0)
        .setAllocatedMemoryBytes(0)
        .setAgentVersion("test")
        .setSentAt(Instant.ofEpochSecond(1))
        .build();
  }
}
