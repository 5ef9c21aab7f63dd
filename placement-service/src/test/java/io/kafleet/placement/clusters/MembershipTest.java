package io.kafleet.placement.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.events.ClusterCondition;
import io.kafleet.events.ClusterHeartbeat;
import io.kafleet.events.ConditionStatus;
import io.kafleet.placement.Heartbeats;
import io.kafleet.placement.scheduling.Taint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MembershipTest {

  private static final ClusterSettings MANUAL =
      new ClusterSettings(false, Duration.ofSeconds(5), 3, Duration.ofMinutes(10));
  private static final ClusterSettings AUTO =
      new ClusterSettings(true, Duration.ofSeconds(5), 3, Duration.ofMinutes(10));
  private static final Instant NOW = Instant.ofEpochSecond(1_000);

  @Test
  void aClusterThatHeartbeatsIsNotAcceptedUntilAnOperatorSaysSo() {
    ClusterStatus status = Membership.of("member1", heardAt(995), null, MANUAL, NOW);

    assertThat(status.accepted()).as("accepted without a decision").isFalse();
    assertThat(status.ready()).isTrue();
  }

  @Test
  void autoAcceptAcceptsEveryClusterUnlessTheOperatorRefusedIt() {
    assertThat(Membership.of("member1", heardAt(995), null, AUTO, NOW).accepted()).isTrue();
    assertThat(Membership.of("member1", heardAt(995), admission(false), AUTO, NOW).accepted())
        .as("refused explicitly, under auto-accept")
        .isFalse();
  }

  @Test
  void staysReadyUntilTheConfiguredNumberOfHeartbeatsIsMissed() {
    assertThat(Membership.of("m", heardAt(985), admission(true), MANUAL, NOW).ready())
        .as("silent for exactly 3 intervals")
        .isTrue();

    ClusterStatus silent = Membership.of("m", heardAt(984), admission(true), MANUAL, NOW);

    assertThat(silent.ready()).as("silent for 16s with 3 x 5s allowed").isFalse();
    assertThat(silent.condition()).isEqualTo("no heartbeat for 16s (3 missed at 5s)");
  }

  @Test
  void isNotReadyWhenItsAgentSaysSo() {
    MemberCluster heartbeat = reportingNotReadySince(999);

    ClusterStatus status = Membership.of("m", heartbeat, admission(true), MANUAL, NOW);

    assertThat(status.ready()).isFalse();
    assertThat(status.condition()).isEqualTo("agent reports Ready=False: connection refused");
  }

  @Test
  void carriesTheOperatorsTaints() {
    Admission tainted =
        new Admission(
            true, List.of(new Taint("maintenance", "true", Taint.Effect.NoSchedule)), "ops", NOW);

    assertThat(Membership.of("m", heardAt(999), tainted, MANUAL, NOW).taints())
        .as("added when the operator decided")
        .containsExactly(new Taint("maintenance", "true", Taint.Effect.NoSchedule, NOW));
  }

  @Test
  void aSilentClusterIsTaintedNotReadyFromWhenItWasDueAndTheTaintGoesWithTheNextHeartbeat() {
    ClusterStatus silent = Membership.of("m", heardAt(984), admission(true), MANUAL, NOW);

    assertThat(silent.taints())
        .as("last heard at 984 s, ready until 999 s (3 heartbeats of 5 s)")
        .containsExactly(
            new Taint(Taint.NOT_READY, null, Taint.Effect.NoExecute, Instant.ofEpochSecond(999)));
    assertThat(
            Membership.of("m", heardAt(984), admission(true), MANUAL, NOW.plusSeconds(60)).taints())
        .as("the same taint, however long the silence")
        .isEqualTo(silent.taints());
    assertThat(Membership.of("m", heardAt(1_000), admission(true), MANUAL, NOW).taints())
        .as("heard again")
        .isEmpty();
  }

  @Test
  void aClusterWhoseAgentReportsNotReadyIsTaintedFromTheConditionsChange() {
    MemberCluster heartbeat = reportingNotReadySince(990);

    assertThat(Membership.of("m", heartbeat, admission(true), MANUAL, NOW).taints())
        .containsExactly(
            new Taint(Taint.NOT_READY, null, Taint.Effect.NoExecute, Instant.ofEpochSecond(990)));
  }

  @Test
  void refusesSettingsThatCouldNeverBeReady() {
    assertThatThrownBy(() -> new ClusterSettings(false, Duration.ZERO, 3, Duration.ofMinutes(10)))
        .hasMessageContaining("kafleet.clusters.heartbeat-interval must be positive");
    assertThatThrownBy(
            () -> new ClusterSettings(false, Duration.ofSeconds(5), 0, Duration.ofMinutes(10)))
        .hasMessageContaining("kafleet.clusters.missed-heartbeats must be at least 1");
  }

  /** Heard at 999 s, its agent reporting Ready=False since the given second. */
  private static MemberCluster reportingNotReadySince(long second) {
    return MemberCluster.from(
        ClusterHeartbeat.newBuilder(Heartbeats.heartbeat("m", "v1.34.1", 999))
            .setConditions(
                List.of(
                    new ClusterCondition(
                        "Ready",
                        ConditionStatus.False,
                        "ApiServerUnreachable",
                        "connection refused",
                        Instant.ofEpochSecond(second))))
            .build());
  }

  private static MemberCluster heardAt(long second) {
    return MemberCluster.from(Heartbeats.heartbeat("m", "v1.34.1", second));
  }

  private static Admission admission(boolean accepted) {
    return new Admission(accepted, List.of(), "ops", NOW);
  }
}
