package io.kafleet.placement.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.ClusterHeartbeat;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterRegistryTest {

  private final ClusterRegistry registry = new ClusterRegistry();

  @Test
  void knowsEachClusterFromItsLatestHeartbeat() {
    registry.record(heartbeat("member2", "v1.33.0", 10));
    registry.record(heartbeat("member1", "v1.33.0", 10));
    registry.record(heartbeat("member1", "v1.34.1", 20));

    assertThat(registry.list())
        .extracting(MemberCluster::name, MemberCluster::kubernetesVersion)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("member1", "v1.34.1"),
            org.assertj.core.groups.Tuple.tuple("member2", "v1.33.0"));
  }

  @Test
  void anOlderHeartbeatArrivingLateChangesNothing() {
    registry.record(heartbeat("member1", "v1.34.1", 20));
    registry.record(heartbeat("member1", "v1.33.0", 10));

    assertThat(registry.get("member1"))
        .map(MemberCluster::kubernetesVersion)
        .as("version after a stale heartbeat")
        .contains("v1.34.1");
  }

  @Test
  void theSameHeartbeatTwiceIsOneCluster() {
    ClusterHeartbeat once = heartbeat("member1", "v1.34.1", 20);
    registry.record(once);
    List<MemberCluster> before = registry.list();
    registry.record(once);
    assertThat(registry.list()).isEqualTo(before);
  }

  static ClusterHeartbeat heartbeat(String cluster, String version, long sentAtSecond) {
    return ClusterHeartbeat.newBuilder()
        .setCluster(cluster)
        .setLabels(Map.of("region", "cn-hangzhou"))
        .setRegion("cn-hangzhou")
        .setKubernetesVersion(version)
        .setNodeCount(3)
        .setAllocatableCpuMillis(6000)
        .setAllocatableMemoryBytes(12L << 30)
        .setAllocatedCpuMillis(1500)
        .setAllocatedMemoryBytes(3L << 30)
        .setAgentVersion("0.1.0")
        .setSentAt(Instant.ofEpochSecond(sentAtSecond))
        .build();
  }
}
