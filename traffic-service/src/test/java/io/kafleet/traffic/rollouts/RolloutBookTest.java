package io.kafleet.traffic.rollouts;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.ObjectRef;
import io.kafleet.events.RolloutPhase;
import io.kafleet.events.RolloutProgress;
import io.kafleet.events.RolloutRequested;
import io.kafleet.traffic.rollouts.RolloutBook.HistoryEntry;
import io.kafleet.traffic.rollouts.RolloutBook.Tracked;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The book's list of rollouts, newest first, and the phases each passed. */
class RolloutBookTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final ObjectRef PODINFO =
      new ObjectRef("networking.istio.io", "VirtualService", "default", "podinfo");

  private final RolloutBook book = new RolloutBook();

  @Test
  void everyRolloutIsListedNewestAskedFirstWhateverOrderItsEventsCameIn() {
    book.requested(request("old", T0));
    book.requested(request("new", T0.plusSeconds(60)));
    book.apply(event("new", RolloutPhase.Started, null, null, T0.plusSeconds(61), null));
    book.apply(event("old", RolloutPhase.Started, null, null, T0.plusSeconds(62), null));
    book.requested(request("waiting", T0.plusSeconds(90)));

    assertThat(book.all())
        .as("a request with no event yet is not a rollout yet")
        .extracting(Tracked::id)
        .containsExactly("new", "old");
  }

  @Test
  void aRefusedRequestWithoutSpecIsListedByWhenItWasRefused() {
    book.requested(request("asked", T0.plusSeconds(10)));
    book.apply(event("asked", RolloutPhase.Started, null, null, T0.plusSeconds(10), null));
    book.apply(event("refused", RolloutPhase.Failed, null, null, T0.plusSeconds(20), "refused"));

    List<Tracked> all = book.all();
    assertThat(all).extracting(Tracked::id).containsExactly("refused", "asked");
    assertThat(all.get(0).spec()).isNull();
    assertThat(all.get(0).state().status()).isEqualTo(RolloutState.Status.REJECTED);
  }

  @Test
  void theHistoryHoldsEachPhasePassedWithItsStepWaveTimeAndMessage() {
    book.requested(request("r1", T0));
    book.apply(event("r1", RolloutPhase.Started, null, null, T0.plusSeconds(1), null));
    book.apply(event("r1", RolloutPhase.StepStarted, 0, 0, T0.plusSeconds(2), "shift s1 out"));
    book.apply(event("r1", RolloutPhase.StepCompleted, 0, 0, T0.plusSeconds(3), "gates passed"));
    book.apply(event("r1", RolloutPhase.Paused, null, null, T0.plusSeconds(4), "by bob"));
    book.apply(event("other", RolloutPhase.Failed, null, null, T0.plusSeconds(5), "refused"));

    Tracked rollout = book.find("r1").orElseThrow();
    assertThat(rollout.history())
        .containsExactly(
            new HistoryEntry(RolloutPhase.Started, 0, 0, T0.plusSeconds(1), null, List.of()),
            new HistoryEntry(
                RolloutPhase.StepStarted, 0, 0, T0.plusSeconds(2), "shift s1 out", List.of()),
            new HistoryEntry(
                RolloutPhase.StepCompleted, 0, 0, T0.plusSeconds(3), "gates passed", List.of()),
            new HistoryEntry(RolloutPhase.Paused, 0, 1, T0.plusSeconds(4), "by bob", List.of()));
    assertThat(book.find("other").orElseThrow().history())
        .containsExactly(
            new HistoryEntry(RolloutPhase.Failed, 0, 0, T0.plusSeconds(5), "refused", List.of()));
  }

  @Test
  void anEventForARolloutWhoseRequestAgedOutIsNotHistory() {
    book.apply(event("gone", RolloutPhase.StepStarted, 1, 0, T0, null));
    assertThat(book.find("gone")).isEmpty();
    assertThat(book.all()).isEmpty();
  }

  /** Two waves of one step: a wave completed moves the rollout to the next wave. */
  private static RolloutRequested request(String id, Instant at) {
    RolloutRequested request =
        RolloutsTest.request(List.of(List.of("member1"), List.of("member2")), 10L);
    request.setCorrelationId(id);
    request.setRequestedAt(at);
    return request;
  }

  private static FleetEvent event(
      String id, RolloutPhase phase, Integer step, Integer wave, Instant at, String message) {
    return new FleetEvent(
        "e-" + id + "-" + phase,
        id,
        "test",
        at,
        new RolloutProgress(id, PODINFO, phase, step, wave, null, message, List.of()));
  }
}
