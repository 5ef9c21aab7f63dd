package io.kafleet.agent.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.ClusterCondition;
import io.kafleet.events.ClusterHeartbeat;
import io.kafleet.events.ConditionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeartbeatStateTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final ClusterSummary SUMMARY =
      new ClusterSummary(3, 6000, 12L << 30, 1500, 1L << 30);

  @Test
  void beforeTheFirstAnswerReadinessIsUnknownAndNothingIsCounted() {
    ClusterHeartbeat heartbeat =
        HeartbeatState.starting(T0).heartbeat("member1", HeartbeatSettings.of("0.1.0"), T0);

    assertThat(heartbeat.getConditions())
        .singleElement()
        .satisfies(c -> assertThat(c.getStatus()).isEqualTo(ConditionStatus.Unknown));
    assertThat(heartbeat.getNodeCount()).isZero();
    assertThat(heartbeat.getKubernetesVersion()).isEqualTo("unknown");
  }

  @Test
  void anAnswerMakesTheClusterReadyWithWhatWasRead() {
    HeartbeatState state =
        HeartbeatState.starting(T0).answered("v1.36.3", SUMMARY, T0.plusSeconds(1));

    ClusterCondition ready = state.ready();
    assertThat(ready.getType()).isEqualTo("Ready");
    assertThat(ready.getStatus()).isEqualTo(ConditionStatus.True);
    assertThat(ready.getLastTransitionTime()).isEqualTo(T0.plusSeconds(1));
    assertThat(state.summary()).isEqualTo(SUMMARY);
    assertThat(state.kubernetesVersion()).isEqualTo("v1.36.3");
  }

  @Test
  void silenceKeepsTheLastKnownSummaryAndSaysWhy() {
    HeartbeatState down =
        HeartbeatState.starting(T0)
            .answered("v1.36.3", SUMMARY, T0)
            .unanswered("connection refused", T0.plusSeconds(5));

    assertThat(down.summary()).isEqualTo(SUMMARY);
    assertThat(down.kubernetesVersion()).isEqualTo("v1.36.3");
    assertThat(down.ready().getStatus()).isEqualTo(ConditionStatus.False);
    assertThat(down.ready().getMessage()).isEqualTo("connection refused");
    assertThat(down.ready().getLastTransitionTime()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void theTransitionTimeMovesOnlyWhenTheStatusChanges() {
    HeartbeatState state =
        HeartbeatState.starting(T0)
            .answered("v1.36.3", SUMMARY, T0.plusSeconds(1))
            .answered("v1.36.3", SUMMARY, T0.plusSeconds(6))
            .unanswered("timeout", T0.plusSeconds(11))
            .unanswered("connection refused", T0.plusSeconds(16));

    assertThat(state.ready().getLastTransitionTime()).isEqualTo(T0.plusSeconds(11));
    assertThat(state.ready().getMessage()).isEqualTo("connection refused");
    assertThat(
            state.answered("v1.36.3", SUMMARY, T0.plusSeconds(21)).ready().getLastTransitionTime())
        .isEqualTo(T0.plusSeconds(21));
  }

  @Test
  void theHeartbeatCarriesTheSettingsAndTheSummary() {
    HeartbeatSettings settings =
        HeartbeatSettings.of("0.2.0")
            .withLabels(Map.of("env", "prod"))
            .withLocation("alibabacloud", "cn-hangzhou", "cn-hangzhou-h")
            .withInterval(Duration.ofSeconds(2));

    ClusterHeartbeat heartbeat =
        HeartbeatState.starting(T0)
            .answered("v1.36.3", SUMMARY, T0)
            .heartbeat("member2", settings, T0.plusSeconds(2));

    assertThat(heartbeat.getCluster()).isEqualTo("member2");
    assertThat(heartbeat.getLabels()).containsExactly(Map.entry("env", "prod"));
    assertThat(heartbeat.getProvider()).isEqualTo("alibabacloud");
    assertThat(heartbeat.getRegion()).isEqualTo("cn-hangzhou");
    assertThat(heartbeat.getZone()).isEqualTo("cn-hangzhou-h");
    assertThat(heartbeat.getAgentVersion()).isEqualTo("0.2.0");
    assertThat(heartbeat.getNodeCount()).isEqualTo(3);
    assertThat(heartbeat.getAllocatableCpuMillis()).isEqualTo(6000);
    assertThat(heartbeat.getAllocatableMemoryBytes()).isEqualTo(12L << 30);
    assertThat(heartbeat.getAllocatedCpuMillis()).isEqualTo(1500);
    assertThat(heartbeat.getAllocatedMemoryBytes()).isEqualTo(1L << 30);
    assertThat(heartbeat.getSentAt()).isEqualTo(T0.plusSeconds(2));
  }
}
