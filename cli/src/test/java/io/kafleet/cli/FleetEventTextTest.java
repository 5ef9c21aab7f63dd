package io.kafleet.cli;

import static io.kafleet.cli.FleetEvents.AT;
import static io.kafleet.cli.FleetEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.ClusterStateChanged;
import io.kafleet.events.MetricMeasurement;
import io.kafleet.events.PlacementChange;
import io.kafleet.events.PlacementChanged;
import io.kafleet.events.RecordSkipped;
import io.kafleet.events.RolloutPhase;
import io.kafleet.events.RolloutProgress;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FleetEventTextTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void theHeaderAndALineShareTheirColumns() {
    assertThat(FleetEventText.header())
        .isEqualTo(
            "TIME                  TYPE                   SUBJECT                         DETAIL");
    assertThat(FleetEventText.line(event("e1", AT, FleetEvents.converged("member1"))))
        .isEqualTo(
            "2026-11-22T03:00:00Z  ShiftProgress          default/podinfo                 "
                + "member1 Converged green=80,blue=20 shift shift-1");
  }

  @Test
  void aDivergedShiftShowsWhatWasObservedAndWhatWasRequested() {
    assertThat(FleetEventText.line(event("e1", AT, FleetEvents.diverged("member2"))))
        .endsWith(
            "member2 Diverged green=0,blue=100 (requested green=80,blue=20) shift shift-1: weights"
                + " differ");
  }

  @Test
  void everyVariantHasItsSubjectAndDetail() {
    assertThat(FleetEventText.line(event("e2", AT, FleetEvents.completed())))
        .containsPattern(
            "ShiftCompleted +default/podinfo +not converged member1=Converged,member2=TimedOut"
                + " shift shift-1$");
    assertThat(FleetEventText.line(event("e3", AT, FleetEvents.stepStarted())))
        .containsPattern(
            "RolloutProgress +default/podinfo +StepStarted step 1 wave 0 canary 50% rollout"
                + " rollout-1: shift rollout-1-s1-w0$");
    assertThat(FleetEventText.line(event("e4", AT, FleetEvents.templateStatus())))
        .containsPattern(
            "TemplateStatusChanged +deployment/default/podinfo-green +Progressing generation 2"
                + " member1=Applied/Healthy,member2=NotReported/Unknown$");
    assertThat(FleetEventText.line(event("e5", AT, FleetEvents.clusterReady())))
        .containsPattern("ClusterStateChanged +member1 +accepted ready$");
    assertThat(
            FleetEventText.line(
                event("e6", AT, new ClusterStateChanged("member2", false, true, "no heartbeat"))))
        .endsWith("accepted not ready (no heartbeat)");
    assertThat(
            FleetEventText.line(
                event(
                    "e8",
                    AT,
                    new PlacementChanged(
                        "apps/Deployment/default/web",
                        "member1",
                        PlacementChange.Evicted,
                        List.of("member2", "member3"),
                        "not ready for longer than the 20 s tolerated"))))
        .containsPattern(
            "PlacementChanged +deployment/default/web +Evicted member1 placed in member2,member3"
                + " \\(not ready for longer than the 20 s tolerated\\)$");
    assertThat(
            FleetEventText.line(
                event(
                    "e7",
                    AT,
                    new RecordSkipped(
                        "traffic-service",
                        "kafleet.templates",
                        0,
                        12L,
                        null,
                        "the first byte is 1",
                        AT))))
        .containsPattern(
            "RecordSkipped +kafleet.templates-0@12 +skipped by traffic-service: the first byte is"
                + " 1$");
  }

  private static RolloutProgress analysis(
      RolloutPhase phase, String message, MetricMeasurement... measurements) {
    return new RolloutProgress(
        "rollout-1",
        FleetEvents.stepStarted().getVirtualService(),
        phase,
        phase == RolloutPhase.Analysed ? 1 : null,
        phase == RolloutPhase.Analysed ? 0 : null,
        phase == RolloutPhase.Analysed ? 50 : 0,
        message,
        List.of(measurements));
  }

  private static final MetricMeasurement FAILING =
      new MetricMeasurement("member2", "request-success-rate", 79.5, 99.0, null, null);

  @Test
  void anAnalysedEventShowsItsVerdictAndAnAbortedOneTheFailingMeasurement() {
    assertThat(
            FleetEventText.line(
                event(
                    "e9",
                    AT,
                    analysis(
                        RolloutPhase.Analysed,
                        "check passed",
                        new MetricMeasurement(
                            "member1", "request-success-rate", 100.0, 99.0, null, null)))))
        .containsPattern(
            "RolloutProgress +default/podinfo +Analysed step 1 wave 0 canary 50% rollout"
                + " rollout-1: check passed$");
    assertThat(
            FleetEventText.line(
                event(
                    "e10",
                    AT,
                    analysis(
                        RolloutPhase.Analysed,
                        "check failed: request-success-rate in member2 was 79.5, outside 99..",
                        FAILING))))
        .endsWith(
            "Analysed step 1 wave 0 canary 50% rollout rollout-1: check failed:"
                + " request-success-rate in member2 was 79.5, outside 99..");
    assertThat(
            FleetEventText.line(
                event(
                    "e11",
                    AT,
                    analysis(
                        RolloutPhase.Aborted,
                        "step 1 (50% canary) in wave 0: analysis: request-success-rate in member2"
                            + " was 79.5, outside 99.. (1 failed check(s) in a row, threshold 1);"
                            + " shift s-5 back to 100% blue",
                        FAILING))))
        .endsWith(
            "Aborted canary 0% rollout rollout-1: step 1 (50% canary) in wave 0: analysis:"
                + " request-success-rate in member2 was 79.5, outside 99.. (1 failed check(s) in a"
                + " row, threshold 1); shift s-5 back to 100% blue");
  }

  @Test
  void jsonOfAnAnalysedEventHasItsMeasurementsWithNumbersAsNumbers() {
    JsonNode json =
        JSON.readTree(
            FleetEventText.json(
                event(
                    "e10",
                    AT,
                    analysis(
                        RolloutPhase.Analysed,
                        "check failed",
                        FAILING,
                        new MetricMeasurement(
                            "member2", "request-duration", Double.NaN, null, 500.0, null)))));

    assertThat(json.path("payload").path("measurements").toString())
        .isEqualTo(
            "[{\"cluster\":\"member2\",\"metric\":\"request-success-rate\",\"value\":79.5,"
                + "\"min\":99.0,\"max\":null,\"error\":null},"
                + "{\"cluster\":\"member2\",\"metric\":\"request-duration\",\"value\":\"NaN\","
                + "\"min\":null,\"max\":500.0,\"error\":null}]");
  }

  @Test
  void jsonHoldsEveryFieldWithUnionsAsValuesAndTheVariantAsType() {
    JsonNode json =
        JSON.readTree(FleetEventText.json(event("e1", AT, FleetEvents.diverged("member2"))));

    assertThat(json.path("type").asString()).isEqualTo("ShiftProgress");
    assertThat(json.path("eventId").asString()).isEqualTo("e1");
    assertThat(json.path("correlationId").asString()).isEqualTo("shift-1");
    assertThat(json.path("source").asString()).isEqualTo("traffic-service");
    assertThat(json.path("occurredAt").asString()).isEqualTo("2026-11-22T03:00:00.123Z");
    JsonNode payload = json.path("payload");
    assertThat(payload.path("virtualService").toString())
        .isEqualTo(
            "{\"group\":\"networking.istio.io\",\"kind\":\"VirtualService\",\"namespace\":\"default\",\"name\":\"podinfo\"}");
    assertThat(payload.path("state").asString()).isEqualTo("Diverged");
    assertThat(payload.path("observed").path("destinations").get(1).toString())
        .isEqualTo("{\"host\":\"podinfo\",\"subset\":\"blue\",\"port\":null,\"weight\":100}");
    assertThat(payload.path("generation").asLong()).isEqualTo(4L);
    assertThat(payload.path("requestedAt").asString()).isEqualTo("2026-11-22T03:00:00.123Z");
  }

  @Test
  void jsonOfMapsAndNullsAsJsonHasThem() {
    JsonNode completed =
        JSON.readTree(FleetEventText.json(event("e2", AT, FleetEvents.completed())));
    JsonNode template =
        JSON.readTree(FleetEventText.json(event("e4", AT, FleetEvents.templateStatus())));

    assertThat(completed.path("payload").path("clusters").toString())
        .isEqualTo("{\"member1\":\"Converged\",\"member2\":\"TimedOut\"}");
    assertThat(completed.path("payload").path("converged").isBoolean()).isTrue();
    assertThat(template.path("payload").path("clusters").get(1).path("phase").isNull())
        .as("phase of a cluster not reported, in %s", template)
        .isTrue();
  }
}
