package io.kafleet.placement.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kafleet.events.ClusterHeartbeat;
import io.kafleet.events.Health;
import io.kafleet.events.RecordSkipped;
import io.kafleet.events.StatusEvent;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import io.kafleet.serde.Unreadable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusBatchTest {

  private static final String PREFIX = "kafleet.status.";
  private static final Instant READ_AT = Instant.ofEpochSecond(42);

  /** Records of these topics and values, at offsets 0, 1, 2... */
  private static StatusBatch batch(List<String> topics, List<?> values) {
    List<StatusRecord> records = new java.util.ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      records.add(new StatusRecord(topics.get(i), 0, i, "key-" + i, values.get(i)));
    }
    return StatusBatch.of(records, PREFIX, "placement-service", READ_AT);
  }

  @Test
  void sortsAPollIntoHeartbeatsAndReportsInTheirOrder() {
    StatusBatch batch =
        batch(
            List.of(PREFIX + "member1", PREFIX + "member2", PREFIX + "member1"),
            List.of(
                new StatusEvent("member1", report("member1", "a")),
                new StatusEvent("member2", heartbeat("member2")),
                new StatusEvent("member1", report("member1", "b"))));

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
        batch(
            List.of(PREFIX + "member1", PREFIX + "member1", PREFIX + "member1", PREFIX + "member1"),
            Arrays.asList(
                new StatusEvent("member2", report("member2", "a")),
                new StatusEvent("member1", report("member2", "b")),
                new StatusEvent("member1", heartbeat("member2")),
                null));

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
        batch(
            List.of(PREFIX + "member1", PREFIX + "member1"),
            List.of(
                new StatusEvent("member1", skipped("member1")),
                new StatusEvent("member2", skipped("member2"))));

    assertThat(batch.skipped())
        .extracting(RecordSkipped::getTopic)
        .containsExactly("kafleet.es.member1");
    assertThat(batch.ignored()).containsExactly("'member2' on kafleet.status.member1");
  }

  @Test
  void aRecordThatIsNoStatusEventIsSkippedNamingWhereItIsAndTheOthersAreTaken() {
    StatusBatch batch =
        batch(
            List.of(PREFIX + "member1", PREFIX + "member1", PREFIX + "member1"),
            List.of(
                new Unreadable("the first byte is 1, not the magic byte 0"),
                heartbeat("member1"),
                new StatusEvent("member1", report("member1", "a"))));

    assertThat(batch.skipped())
        .extracting(
            RecordSkipped::getTopic,
            RecordSkipped::getPartition,
            RecordSkipped::getOffset,
            RecordSkipped::getKey,
            RecordSkipped::getReason)
        .containsExactly(
            tuple(PREFIX + "member1", 0, 0L, "key-0", "the first byte is 1, not the magic byte 0"),
            tuple(
                PREFIX + "member1",
                0,
                1L,
                "key-1",
                "the value is a io.kafleet.events.ClusterHeartbeat, not a StatusEvent as the topic"
                    + " carries"));
    assertThat(batch.skipped())
        .allSatisfy(
            skip -> {
              assertThat(skip.getConsumer()).isEqualTo("placement-service");
              assertThat(skip.getSkippedAt()).isEqualTo(READ_AT);
            });
    assertThat(batch.reports())
        .extracting(WorkStatus::getObjectKey)
        .containsExactly("core/ConfigMap/default/a");
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
