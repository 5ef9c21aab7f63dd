package io.kafleet.cli;

import io.kafleet.events.ClusterStateChanged;
import io.kafleet.events.ClusterWorkState;
import io.kafleet.events.DestinationWeight;
import io.kafleet.events.FleetEvent;
import io.kafleet.events.Health;
import io.kafleet.events.ObjectRef;
import io.kafleet.events.RolloutPhase;
import io.kafleet.events.RolloutProgress;
import io.kafleet.events.RouteWeights;
import io.kafleet.events.ShiftCompleted;
import io.kafleet.events.ShiftProgress;
import io.kafleet.events.ShiftState;
import io.kafleet.events.TemplateStatusChanged;
import io.kafleet.events.WorkPhase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** Fleet events of the podinfo migration, one of each variant, for the events tests. */
final class FleetEvents {

  static final Instant AT = Instant.parse("2026-11-22T03:00:00.123Z");
  static final ObjectRef PODINFO =
      new ObjectRef("networking.istio.io", "VirtualService", "default", "podinfo");

  private FleetEvents() {}

  static FleetEvent event(String id, Instant at, SpecificRecord payload) {
    return new FleetEvent(id, "shift-1", "traffic-service", at, payload);
  }

  static RouteWeights greenBlue(int green, int blue) {
    return new RouteWeights(
        null,
        0,
        List.of(
            new DestinationWeight("podinfo", "green", null, green),
            new DestinationWeight("podinfo", "blue", null, blue)));
  }

  static ShiftProgress converged(String cluster) {
    return ShiftProgress.newBuilder()
        .setShiftId("shift-1")
        .setVirtualService(PODINFO)
        .setCluster(cluster)
        .setState(ShiftState.Converged)
        .setRequested(greenBlue(80, 20))
        .setObserved(greenBlue(80, 20))
        .setGeneration(4L)
        .setRequestedAt(AT)
        .build();
  }

  static ShiftProgress diverged(String cluster) {
    ShiftProgress diverged = converged(cluster);
    diverged.setState(ShiftState.Diverged);
    diverged.setObserved(greenBlue(0, 100));
    diverged.setMessage("weights differ");
    return diverged;
  }

  static ShiftCompleted completed() {
    return new ShiftCompleted(
        "shift-1",
        PODINFO,
        false,
        Map.of("member2", ShiftState.TimedOut, "member1", ShiftState.Converged));
  }

  static RolloutProgress stepStarted() {
    return new RolloutProgress(
        "rollout-1",
        PODINFO,
        RolloutPhase.StepStarted,
        1,
        0,
        50,
        "shift rollout-1-s1-w0",
        List.of());
  }

  static TemplateStatusChanged templateStatus() {
    return new TemplateStatusChanged(
        "apps/Deployment/default/podinfo-green",
        2L,
        Health.Progressing,
        List.of(
            new ClusterWorkState("member1", WorkPhase.Applied, Health.Healthy, 2L),
            new ClusterWorkState("member2", null, Health.Unknown, null)));
  }

  static ClusterStateChanged clusterReady() {
    return new ClusterStateChanged("member1", true, true, null);
  }
}
