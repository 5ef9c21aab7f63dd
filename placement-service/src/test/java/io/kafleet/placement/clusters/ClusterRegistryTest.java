package io.kafleet.placement.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.kafleet.events.ClusterHeartbeat;
import io.kafleet.placement.Heartbeats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterRegistryTest {

  private static final Instant NOW = Instant.ofEpochSecond(100);

  private final ClusterRegistry registry =
      new ClusterRegistry(
          new ClusterSettings(true, Duration.ofSeconds(5), 3, Duration.ofMinutes(10)),
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void knowsEachClusterFromItsLatestHeartbeat() {
    registry.record(heartbeat("member2", "v1.33.0", 90));
    registry.record(heartbeat("member1", "v1.33.0", 90));
    registry.record(heartbeat("member1", "v1.34.1", 95));

    assertThat(registry.list())
        .extracting(ClusterStatus::name, status -> status.lastHeartbeat().kubernetesVersion())
        .containsExactly(tuple("member1", "v1.34.1"), tuple("member2", "v1.33.0"));
  }

  @Test
  void anOlderHeartbeatArrivingLateChangesNothing() {
    registry.record(heartbeat("member1", "v1.34.1", 95));
    registry.record(heartbeat("member1", "v1.33.0", 90));

    assertThat(registry.get("member1"))
        .map(status -> status.lastHeartbeat().kubernetesVersion())
        .as("version after a stale heartbeat")
        .contains("v1.34.1");
  }

  @Test
  void theSameHeartbeatTwiceIsOneCluster() {
    ClusterHeartbeat once = heartbeat("member1", "v1.34.1", 95);
    registry.record(once);
    List<ClusterStatus> before = registry.list();
    registry.record(once);
    assertThat(registry.list()).isEqualTo(before);
  }

  @Test
  void listsAClusterAnOperatorAcceptedBeforeItsAgentEverHeartbeat() {
    registry.admit("member3", new Admission(true, List.of(), "ops", NOW));

    assertThat(registry.get("member3"))
        .get()
        .extracting(ClusterStatus::accepted, ClusterStatus::ready, ClusterStatus::condition)
        .containsExactly(true, false, "no heartbeat yet");
  }

  @Test
  void forgettingAnAdmissionFallsBackToTheDefault() {
    registry.record(heartbeat("member1", "v1.34.1", 95));
    registry.admit("member1", new Admission(false, List.of(), "ops", NOW));
    assertThat(registry.get("member1").orElseThrow().accepted()).isFalse();

    registry.admit("member1", null);

    assertThat(registry.get("member1").orElseThrow().accepted())
        .as("accepted once the refusal is forgotten, under auto-accept")
        .isTrue();
  }

  private static ClusterHeartbeat heartbeat(String cluster, String version, long sentAtSecond) {
    return Heartbeats.heartbeat(cluster, version, sentAtSecond);
  }
}
