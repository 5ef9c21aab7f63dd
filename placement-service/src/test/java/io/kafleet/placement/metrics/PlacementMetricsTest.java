package io.kafleet.placement.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.events.ConflictResolution;
import io.kafleet.events.Health;
import io.kafleet.events.TemplateStatusChanged;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import io.kafleet.placement.Heartbeats;
import io.kafleet.placement.clusters.Admission;
import io.kafleet.placement.clusters.ClusterRegistry;
import io.kafleet.placement.clusters.ClusterSettings;
import io.kafleet.placement.core.Intent;
import io.kafleet.placement.works.RenderedWork;
import io.kafleet.placement.works.WorkId;
import io.kafleet.schemas.ObjectKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlacementMetricsTest {

  private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final ObjectKey GATEWAY =
      ObjectKey.parse("networking.istio.io/Gateway/default/bookinfo-gateway");

  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final ClusterRegistry clusters =
      new ClusterRegistry(
          new ClusterSettings(false, Duration.ofSeconds(5), 3, Duration.ofMinutes(10)), CLOCK);
  private final PlacementMetrics metrics =
      new PlacementMetrics(meters, clusters, () -> Map.of("kafleet.status.member1", 3L), CLOCK);

  @Test
  void countsClustersByReadiness() {
    clusters.record(Heartbeats.heartbeat("member1", "v1.34.1", NOW.minusSeconds(7)));
    clusters.admit("member1", new Admission(true, List.of(), "admin", NOW));
    clusters.record(Heartbeats.heartbeat("member2", "v1.34.1", NOW.minusSeconds(1)));
    clusters.record(Heartbeats.heartbeat("member3", "v1.34.1", NOW.minusSeconds(60)));
    clusters.admit("member3", new Admission(true, List.of(), "admin", NOW));

    assertThat(gauge("kafleet.placement.clusters", "readiness", "Ready")).isEqualTo(1);
    assertThat(gauge("kafleet.placement.clusters", "readiness", "NotReady"))
        .as("member3, silent for 60 s")
        .isEqualTo(1);
    assertThat(gauge("kafleet.placement.clusters", "readiness", "Pending"))
        .as("member2, not accepted")
        .isEqualTo(1);
  }

  @Test
  void countsADecisionsWorksPerClusterAndOperation() {
    metrics.decisionWritten(
        List.of(
            new Intent.Forget(ObjectKey.parse("core/ConfigMap/default/old"), true),
            new Intent.PutWork(work("member1"), 2),
            new Intent.PutWork(work("member2"), 2),
            new Intent.RemoveWork(new WorkId("member1", GATEWAY))));

    assertThat(meters.get("kafleet.placement.decisions").counter().count()).isEqualTo(1);
    assertThat(works("member1", "apply")).isEqualTo(1);
    assertThat(works("member1", "delete")).isEqualTo(1);
    assertThat(works("member2", "apply")).isEqualTo(1);
    assertThat(
            meters
                .find("kafleet.placement.works.written")
                .tag("cluster", "member2")
                .tag("operation", "delete")
                .counter())
        .as("no series for what never happened to a cluster not known yet")
        .isNull();
  }

  @Test
  void countsTemplatesByTheHealthLastPublishedWhileLeading() {
    metrics.decisionWritten(List.of(status(GATEWAY, Health.Progressing)));
    metrics.decisionWritten(
        List.of(
            status(GATEWAY, Health.Healthy),
            status(ObjectKey.parse("core/ConfigMap/default/a"), Health.Unhealthy)));
    assertThat(gauge("kafleet.placement.templates", "health", "Healthy")).isEqualTo(1);
    assertThat(gauge("kafleet.placement.templates", "health", "Unhealthy")).isEqualTo(1);
    assertThat(gauge("kafleet.placement.templates", "health", "Progressing")).isZero();

    metrics.decisionWritten(List.of(new Intent.Forget(GATEWAY, true)));
    assertThat(gauge("kafleet.placement.templates", "health", "Healthy")).isZero();

    metrics.termEnded();
    assertThat(gauge("kafleet.placement.templates", "health", "Unhealthy"))
        .as("the next leader reports them")
        .isZero();
  }

  @Test
  void timesAppliesAsAcceptedOrRejected() {
    assertThat(metrics.timeApply(() -> "answer")).isEqualTo("answer");
    assertThatThrownBy(
            () ->
                metrics.timeApply(
                    () -> {
                      throw new IllegalArgumentException("bad input");
                    }))
        .hasMessage("bad input");
    assertThat(applies("accepted")).isEqualTo(1);
    assertThat(applies("rejected")).isEqualTo(1);
  }

  @Test
  void refreshGivesEveryKnownClusterItsSeriesAndHeartbeatAge() {
    clusters.record(Heartbeats.heartbeat("member1", "v1.34.1", NOW.minusSeconds(7)));
    clusters.admit("member4", new Admission(true, List.of(), "admin", NOW));
    metrics.refresh();

    assertThat(works("member4", "apply")).as("a series at 0").isZero();
    assertThat(
            meters
                .get("kafleet.placement.work.outcomes")
                .tag("cluster", "member1")
                .tag("outcome", "Conflict")
                .counter()
                .count())
        .isZero();
    assertThat(gauge("kafleet.placement.cluster.heartbeat.age", "cluster", "member1"))
        .isEqualTo(7.0);
    assertThat(
            meters
                .find("kafleet.placement.cluster.heartbeat.age")
                .tag("cluster", "member4")
                .gauge())
        .as("no heartbeat, no age")
        .isNull();
    assertThat(gauge("kafleet.placement.status.consumer.lag", "topic", "kafleet.status.member1"))
        .isEqualTo(3.0);
  }

  @Test
  void countsReportedOutcomesPerClusterAndPhase() {
    metrics.reported(report("member1", WorkPhase.Conflict));
    metrics.reported(report("member1", WorkPhase.Conflict));
    assertThat(
            meters
                .get("kafleet.placement.work.outcomes")
                .tag("cluster", "member1")
                .tag("outcome", "Conflict")
                .counter()
                .count())
        .isEqualTo(2);
  }

  private double gauge(String name, String tag, String value) {
    return meters.get(name).tag(tag, value).gauge().value();
  }

  private double works(String cluster, String operation) {
    return meters
        .get("kafleet.placement.works.written")
        .tag("cluster", cluster)
        .tag("operation", operation)
        .counter()
        .count();
  }

  private long applies(String result) {
    return meters.get("kafleet.placement.apply.duration").tag("result", result).timer().count();
  }

  private static RenderedWork work(String cluster) {
    return new RenderedWork(
        cluster,
        GATEWAY,
        "networking.istio.io/v1",
        "{}",
        "hash",
        Optional.empty(),
        ConflictResolution.Abort,
        false);
  }

  private static Intent status(ObjectKey key, Health health) {
    return new Intent.Publish(
        key.toString(), new TemplateStatusChanged(key.toString(), 1L, health, List.of()));
  }

  private static WorkStatus report(String cluster, WorkPhase phase) {
    return WorkStatus.newBuilder()
        .setCluster(cluster)
        .setObjectKey(GATEWAY.toString())
        .setAppliedHash("hash")
        .setAppliedGeneration(1L)
        .setPhase(phase)
        .setHealth(Health.Unknown)
        .setLiveSummary(Map.of())
        .setReportedAt(NOW)
        .build();
  }
}
