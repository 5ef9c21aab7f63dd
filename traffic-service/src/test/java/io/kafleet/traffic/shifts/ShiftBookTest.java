package io.kafleet.traffic.shifts;

import static io.kafleet.traffic.shifts.Podinfo.GREEN_80;
import static io.kafleet.traffic.shifts.Podinfo.T0;
import static io.kafleet.traffic.shifts.Podinfo.VS;
import static io.kafleet.traffic.shifts.Podinfo.report;
import static io.kafleet.traffic.shifts.Podinfo.route0;
import static io.kafleet.traffic.shifts.Podinfo.work;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.ShiftCompleted;
import io.kafleet.events.ShiftProgress;
import io.kafleet.events.ShiftState;
import io.kafleet.events.WorkPhase;
import io.kafleet.traffic.fleet.FleetView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** A shift's life in the book: published, decided per cluster, completed, rebuilt from events. */
class ShiftBookTest {

  private final FleetView fleet = Podinfo.fleet();
  private final ShiftBook book = new ShiftBook(Duration.ofSeconds(60));
  private final List<FleetEvent> published = new ArrayList<>();

  @Test
  void aShiftIsPublishedToEveryClusterHoldingTheVirtualService() {
    book.register(shift());
    assertThat(step(T0.plusSeconds(1))).containsExactly("member1 Published", "member2 Published");
    assertThat(step(T0.plusSeconds(2))).as("nothing new").isEmpty();
  }

  @Test
  void convergedInBothClustersCompletesConverged() {
    book.register(shift());
    step(T0.plusSeconds(1));
    placementRendersGreen80();
    fleet.putReport("member1", VS, report("member1", WorkPhase.Applied, "hash-green", 2, GREEN_80));
    assertThat(step(T0.plusSeconds(2))).containsExactly("member1 Converged");
    fleet.putReport("member2", VS, report("member2", WorkPhase.Applied, "hash-green", 2, GREEN_80));
    assertThat(step(T0.plusSeconds(3)))
        .containsExactly(
            "member2 Converged", "completed true {member1=Converged, member2=Converged}");
    assertThat(step(T0.plusSeconds(100))).as("a converged shift is done").isEmpty();
  }

  @Test
  void aSilentClusterTimesOutThenConvergesWhenItReports() {
    book.register(shift());
    step(T0.plusSeconds(1));
    placementRendersGreen80();
    fleet.putReport("member1", VS, report("member1", WorkPhase.Applied, "hash-green", 2, GREEN_80));
    step(T0.plusSeconds(2));
    assertThat(step(T0.plusSeconds(60)))
        .containsExactly(
            "member2 TimedOut", "completed false {member1=Converged, member2=TimedOut}");
    assertThat(step(T0.plusSeconds(70))).as("no repeat").isEmpty();

    fleet.putReport("member2", VS, report("member2", WorkPhase.Applied, "hash-green", 2, GREEN_80));
    assertThat(step(T0.plusSeconds(90)))
        .containsExactly(
            "member2 Converged", "completed true {member1=Converged, member2=Converged}");
  }

  @Test
  void aBookRebuiltFromItsEventsPublishesNothingAgain() {
    book.register(shift());
    step(T0.plusSeconds(1));
    placementRendersGreen80();
    fleet.putReport("member1", VS, report("member1", WorkPhase.Applied, "hash-green", 2, GREEN_80));
    step(T0.plusSeconds(60));

    ShiftBook rebuilt = new ShiftBook(Duration.ofSeconds(60));
    published.forEach(rebuilt::apply);
    rebuilt.register(shift());
    assertThat(rebuilt.evaluate(fleet, T0.plusSeconds(61))).isEmpty();
    TrackedShift shift = rebuilt.find("s1").orElseThrow();
    assertThat(shift.minGeneration()).isEqualTo(1);
    assertThat(shift.completed())
        .isEqualTo(Map.of("member1", ShiftState.Converged, "member2", ShiftState.TimedOut));
  }

  @Test
  void aShiftKnownOnlyFromItsEventsKeepsWhoAskedForIt() {
    book.register(shift());
    step(T0.plusSeconds(1));
    ShiftBook rebuilt = new ShiftBook(Duration.ofSeconds(60));
    published.forEach(rebuilt::apply);
    ShiftRecord record = rebuilt.find("s1").orElseThrow().record();
    assertThat(record.requestedBy()).isEqualTo("alice");
    assertThat(record.requested()).isEqualTo(route0(GREEN_80));
    assertThat(record.requestedAt()).isEqualTo(T0);
  }

  private void placementRendersGreen80() {
    fleet.putTemplate(VS, Podinfo.template(2, GREEN_80, "alice (shift s1)"));
    fleet.putWork("member1", VS, work(2, "hash-green", GREEN_80));
    fleet.putWork("member2", VS, work(2, "hash-green", GREEN_80));
  }

  private static ShiftRecord shift() {
    return new ShiftRecord(
        "s1",
        VS,
        route0(GREEN_80),
        null,
        List.of(),
        "alice",
        T0,
        ShiftRecord.Origin.API,
        1L,
        null,
        null,
        null);
  }

  /** Evaluates at {@code now}, publishes (applies) what is due, and describes it. */
  private List<String> step(Instant now) {
    List<String> seen = new ArrayList<>();
    for (SpecificRecord payload : book.evaluate(fleet, now)) {
      FleetEvent event = new FleetEvent("e" + published.size(), null, "test", now, payload);
      published.add(event);
      book.apply(event);
      if (payload instanceof ShiftProgress progress) {
        seen.add(progress.getCluster() + " " + progress.getState());
      } else {
        ShiftCompleted completed = (ShiftCompleted) payload;
        seen.add(
            "completed "
                + completed.getConverged()
                + " "
                + new java.util.TreeMap<>(completed.getClusters()));
      }
    }
    return seen;
  }
}
