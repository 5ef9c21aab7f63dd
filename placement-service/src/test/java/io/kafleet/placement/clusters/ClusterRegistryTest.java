package io.kafleet.placement.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.ClusterHeartbeat;
import io.kafleet.placement.Heartbeats;
import java.util.List;
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

  private static ClusterHeartbeat heartbeat(String cluster, String version, long sentAtSecond) {
    return Heartbeats.heartbeat(cluster, version, sentAtSecond);
  }
}
