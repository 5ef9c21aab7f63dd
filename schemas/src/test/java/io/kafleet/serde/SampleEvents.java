package io.kafleet.serde;

import io.kafleet.events.AgentQuery;
import io.kafleet.events.AgentQueryReply;
import io.kafleet.events.ClusterAdmission;
import io.kafleet.events.ClusterCondition;
import io.kafleet.events.ClusterHeartbeat;
import io.kafleet.events.ClusterStateChanged;
import io.kafleet.events.ClusterTaint;
import io.kafleet.events.ClusterWorkState;
import io.kafleet.events.ConditionStatus;
import io.kafleet.events.ConflictResolution;
import io.kafleet.events.DestinationWeight;
import io.kafleet.events.EvictionProducer;
import io.kafleet.events.FleetEvent;
import io.kafleet.events.GracefulEvictionTask;
import io.kafleet.events.Health;
import io.kafleet.events.ObjectRef;
import io.kafleet.events.PlacementChange;
import io.kafleet.events.PlacementChanged;
import io.kafleet.events.RolloutGates;
import io.kafleet.events.RolloutPhase;
import io.kafleet.events.RolloutProgress;
import io.kafleet.events.RolloutRequested;
import io.kafleet.events.RolloutStep;
import io.kafleet.events.RouteWeights;
import io.kafleet.events.ShiftCompleted;
import io.kafleet.events.ShiftProgress;
import io.kafleet.events.ShiftState;
import io.kafleet.events.StatusEvent;
import io.kafleet.events.TaintEffect;
import io.kafleet.events.TemplateSchedule;
import io.kafleet.events.TemplateStatusChanged;
import io.kafleet.events.TrafficShiftRequested;
import io.kafleet.events.Work;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One filled-in instance of every event kafleet puts on Kafka, from the podinfo scenario. */
final class SampleEvents {

  static final Instant AT = Instant.parse("2026-11-22T03:00:00.123Z");
  static final ObjectRef PODINFO_VS =
      new ObjectRef("networking.istio.io", "VirtualService", "default", "podinfo");

  private SampleEvents() {}

  static Map<String, SpecificRecord> all() {
    return Map.ofEntries(
        Map.entry("Work", work()),
        Map.entry(
            "StoredObject",
            new io.kafleet.events.StoredObject(
                "core/Service/default/podinfo",
                "v1",
                "{\"kind\":\"Service\"}",
                1L,
                "ops",
                AT,
                null)),
        Map.entry(
            "ClusterAdmission",
            new ClusterAdmission(
                "member1",
                true,
                List.of(new ClusterTaint("maintenance", null, TaintEffect.NoSchedule)),
                "ops",
                AT,
                null)),
        Map.entry("StatusEvent(ClusterHeartbeat)", status(heartbeat())),
        Map.entry("AgentQuery", query()),
        Map.entry("AgentQueryReply", queryReply()),
        Map.entry("StatusEvent(WorkStatus)", status(workStatus())),
        Map.entry("TrafficShiftRequested", shift()),
        Map.entry("RolloutRequested", rollout()),
        Map.entry("FleetEvent(ShiftProgress)", fleet(shiftProgress())),
        Map.entry("FleetEvent(ShiftCompleted)", fleet(shiftCompleted())),
        Map.entry("FleetEvent(RolloutProgress)", fleet(rolloutProgress())),
        Map.entry("FleetEvent(TemplateStatusChanged)", fleet(templateStatus())),
        Map.entry(
            "FleetEvent(ClusterStateChanged)",
            fleet(new ClusterStateChanged("member1", true, true, null))),
        Map.entry(
            "FleetEvent(PlacementChanged)",
            fleet(
                new PlacementChanged(
                    "apps/Deployment/default/reviews-v1",
                    "member1",
                    PlacementChange.Evicted,
                    List.of("member2"),
                    "not ready for longer than the 300 s tolerated"))),
        Map.entry("TemplateSchedule", schedule()));
  }

  static TemplateSchedule schedule() {
    return TemplateSchedule.newBuilder()
        .setTemplate("apps/Deployment/default/reviews-v1")
        .setTemplateGeneration(2)
        .setPolicy("policy.karmada.io/PropagationPolicy/default/reviews-propagation")
        .setPolicyGeneration(1)
        .setClusters(List.of("member2", "member3"))
        .setReplicas(Map.of("member2", 6, "member3", 4))
        .setAffinityGroup(null)
        .setEvictions(
            List.of(
                new GracefulEvictionTask(
                    "member1",
                    EvictionProducer.TaintManager,
                    AT,
                    "not ready for longer than 300 s",
                    600L)))
        .setDecidedAt(AT)
        .build();
  }

  static Work work() {
    return Work.newBuilder()
        .setObjectKey("apps/Deployment/default/podinfo-blue")
        .setCluster("member1")
        .setApiVersion("apps/v1")
        .setManifest(
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"podinfo-blue\"}}")
        .setTemplateGeneration(3)
        .setContentHash("9f2c")
        .setPolicy(new ObjectRef("core.oam.dev", "Application", "default", "podinfo"))
        .setConflictResolution(ConflictResolution.Overwrite)
        .setPreserveOnDeletion(true)
        .setCreatedAt(AT)
        .setUpdatedAt(AT.plusSeconds(5))
        .build();
  }

  static ClusterHeartbeat heartbeat() {
    return ClusterHeartbeat.newBuilder()
        .setCluster("member1")
        .setLabels(Map.of("env", "prod"))
        .setProvider("alibabacloud")
        .setRegion("cn-hangzhou")
        .setZone("cn-hangzhou-h")
        .setKubernetesVersion("v1.34.1")
        .setNodeCount(3)
        .setAllocatableCpuMillis(12000)
        .setAllocatableMemoryBytes(48L << 30)
        .setAllocatedCpuMillis(2500)
        .setAllocatedMemoryBytes(6L << 30)
        .setConditions(
            List.of(new ClusterCondition("Ready", ConditionStatus.True, "AgentReady", null, AT)))
        .setAgentVersion("0.1.0")
        .setSentAt(AT)
        .build();
  }

  static AgentQuery query() {
    return AgentQuery.newBuilder()
        .setQueryId("query-1")
        .setCluster("member1")
        .setApiVersion("apps/v1")
        .setKind("Deployment")
        .setNamespace("default")
        .setName(null)
        .setLabelSelector("app=podinfo,track in (blue,green)")
        .setRequestedAt(AT)
        .build();
  }

  static AgentQueryReply queryReply() {
    return AgentQueryReply.newBuilder()
        .setQueryId("query-1")
        .setCluster("member1")
        .setOk(true)
        .setError(null)
        .setObjects(
            List.of(
                "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"podinfo-blue\"}}"))
        .setRepliedAt(AT.plusMillis(40))
        .build();
  }

  static WorkStatus workStatus() {
    return WorkStatus.newBuilder()
        .setCluster("member1")
        .setObjectKey("networking.istio.io/VirtualService/default/podinfo")
        .setAppliedHash("9f2c")
        .setAppliedGeneration(4L)
        .setPhase(WorkPhase.Applied)
        .setHealth(Health.Healthy)
        .setLiveSummary(Map.of("routes", "1"))
        .setObservedWeights(List.of(greenBlue(80, 20)))
        .setReportedAt(AT)
        .build();
  }

  static TrafficShiftRequested shift() {
    return TrafficShiftRequested.newBuilder()
        .setShiftId("shift-1")
        .setVirtualService(PODINFO_VS)
        .setWeights(greenBlue(80, 20))
        .setClusters(List.of("member1", "member2"))
        .setRequestedBy("ci-pipeline")
        .setRequestedAt(AT)
        .build();
  }

  static RolloutRequested rollout() {
    return RolloutRequested.newBuilder()
        .setCorrelationId("build-4711")
        .setVirtualService(PODINFO_VS)
        .setStableSubset("blue")
        .setCanarySubset("green")
        .setSteps(
            List.of(
                new RolloutStep(20, 30L, List.of(), 1),
                new RolloutStep(50, null, List.of(), 1),
                new RolloutStep(100, 0L, List.of(), 1)))
        .setWaves(List.of(List.of("member1"), List.of("member2")))
        .setGates(new RolloutGates(true, true, "http://127.0.0.1:1/gate", 120L))
        .setRequestedBy("ci-pipeline")
        .setRequestedAt(AT)
        .build();
  }

  static ShiftProgress shiftProgress() {
    return ShiftProgress.newBuilder()
        .setShiftId("shift-1")
        .setVirtualService(PODINFO_VS)
        .setCluster("member2")
        .setState(ShiftState.Converged)
        .setRequested(greenBlue(80, 20))
        .setObserved(greenBlue(80, 20))
        .setGeneration(4L)
        .setRequestedAt(AT)
        .build();
  }

  static ShiftCompleted shiftCompleted() {
    return new ShiftCompleted(
        "shift-1",
        PODINFO_VS,
        false,
        Map.of("member1", ShiftState.Converged, "member2", ShiftState.TimedOut));
  }

  static RolloutProgress rolloutProgress() {
    return new RolloutProgress(
        "rollout-1",
        PODINFO_VS,
        RolloutPhase.StepCompleted,
        1,
        0,
        50,
        "wave 1 converged",
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

  static RouteWeights greenBlue(int green, int blue) {
    return new RouteWeights(
        null,
        0,
        List.of(
            new DestinationWeight("podinfo", "green", 80, green),
            new DestinationWeight("podinfo", "blue", 80, blue)));
  }

  static StatusEvent status(SpecificRecord payload) {
    return new StatusEvent("member1", payload);
  }

  static FleetEvent fleet(SpecificRecord payload) {
    return new FleetEvent(
        "event-" + payload.getSchema().getName(), "build-4711", "traffic-service", AT, payload);
  }
}
