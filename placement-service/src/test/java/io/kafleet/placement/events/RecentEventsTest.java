package io.kafleet.placement.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RecentEventsTest {

  private static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");
  private static final String PLACEMENT = "kafleet.placement.events";
  private static final String TRAFFIC = "kafleet.traffic.events";

  @Test
  void theLatestAreTheMostRecentOldestFirstAcrossBothTopics() {
    RecentEvents events = new RecentEvents(10);
    events.add(List.of(event(PLACEMENT, 0, 1), event(PLACEMENT, 1, 4), event(PLACEMENT, 2, 5)));
    events.add(List.of(event(TRAFFIC, 0, 2), event(TRAFFIC, 1, 3)));

    assertThat(ids(events.latest(10)))
        .containsExactly(
            PLACEMENT + ":0:0",
            TRAFFIC + ":0:0",
            TRAFFIC + ":0:1",
            PLACEMENT + ":0:1",
            PLACEMENT + ":0:2");
    assertThat(ids(events.latest(2))).containsExactly(PLACEMENT + ":0:1", PLACEMENT + ":0:2");
  }

  @Test
  void eventsAtTheSameTimeKeepTheOrderOfTheirPartition() {
    RecentEvents events = new RecentEvents(10);
    events.add(List.of(event(TRAFFIC, 2, 1), event(TRAFFIC, 1, 1), event(PLACEMENT, 0, 1)));

    assertThat(ids(events.latest(3)))
        .containsExactly(PLACEMENT + ":0:0", TRAFFIC + ":0:1", TRAFFIC + ":0:2");
  }

  @Test
  void overCapacityTheOldestGo() {
    RecentEvents events = new RecentEvents(3);
    events.add(List.of(event(TRAFFIC, 0, 1), event(TRAFFIC, 1, 2), event(TRAFFIC, 2, 3)));
    events.add(List.of(event(PLACEMENT, 0, 4)));

    assertThat(ids(events.latest(3)))
        .containsExactly(TRAFFIC + ":0:1", TRAFFIC + ":0:2", PLACEMENT + ":0:0");
  }

  @Test
  void aRecordReadTwiceIsKeptAndHandedOnOnce() {
    RecentEvents events = new RecentEvents(10);
    List<TailedEvent> seen = new ArrayList<>();
    events.subscribe(10, seen::add);
    events.add(List.of(event(TRAFFIC, 0, 1), event(TRAFFIC, 1, 2)));

    List<TailedEvent> added = events.add(List.of(event(TRAFFIC, 1, 2), event(TRAFFIC, 2, 3)));

    assertThat(ids(added)).containsExactly(TRAFFIC + ":0:2");
    assertThat(ids(events.latest(10)))
        .containsExactly(TRAFFIC + ":0:0", TRAFFIC + ":0:1", TRAFFIC + ":0:2");
    assertThat(ids(seen)).containsExactly(TRAFFIC + ":0:0", TRAFFIC + ":0:1", TRAFFIC + ":0:2");
  }

  @Test
  void aSubscriberGetsTheLatestThenEachNewOneUntilItLeaves() {
    RecentEvents events = new RecentEvents(10);
    events.add(List.of(event(TRAFFIC, 0, 1), event(TRAFFIC, 1, 2), event(TRAFFIC, 2, 3)));
    List<TailedEvent> seen = new ArrayList<>();
    Consumer<TailedEvent> subscriber = seen::add;

    events.subscribe(2, subscriber);
    events.add(List.of(event(PLACEMENT, 0, 4)));
    events.unsubscribe(subscriber);
    events.add(List.of(event(PLACEMENT, 1, 5)));

    assertThat(ids(seen)).containsExactly(TRAFFIC + ":0:1", TRAFFIC + ":0:2", PLACEMENT + ":0:0");
    assertThat(events.subscribers()).isZero();
  }

  @Test
  void aNewEventIsHandedOnEvenWhenOlderThanAllKept() {
    RecentEvents events = new RecentEvents(2);
    events.add(List.of(event(TRAFFIC, 0, 5), event(TRAFFIC, 1, 6)));
    List<TailedEvent> seen = new ArrayList<>();
    events.subscribe(1, seen::add);

    events.add(List.of(event(PLACEMENT, 0, 1)));

    assertThat(ids(seen)).containsExactly(TRAFFIC + ":0:1", PLACEMENT + ":0:0");
    assertThat(ids(events.latest(2))).containsExactly(TRAFFIC + ":0:0", TRAFFIC + ":0:1");
  }

  @Test
  void aSubscriberThatFailsIsDroppedAndTheOthersGoOn() {
    RecentEvents events = new RecentEvents(10);
    List<TailedEvent> seen = new ArrayList<>();
    events.subscribe(
        10,
        event -> {
          throw new IllegalStateException("gone");
        });
    events.subscribe(10, seen::add);

    events.add(List.of(event(TRAFFIC, 0, 1)));
    events.add(List.of(event(TRAFFIC, 1, 2)));

    assertThat(events.subscribers()).isOne();
    assertThat(ids(seen)).containsExactly(TRAFFIC + ":0:0", TRAFFIC + ":0:1");
  }

  @Test
  void aLimitIsBetweenOneAndTheCapacity() {
    RecentEvents events = new RecentEvents(5);

    assertThat(events.limitProblem(1)).isEmpty();
    assertThat(events.limitProblem(5)).isEmpty();
    assertThat(events.limitProblem(0)).contains("limit must be between 1 and 5, not 0");
    assertThat(events.limitProblem(6)).contains("limit must be between 1 and 5, not 6");
    assertThatThrownBy(() -> events.latest(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be between 1 and 5, not -1");
    assertThat(events.latest(5)).isEmpty();
  }

  /** The event at {@code offset} of partition 0, {@code second} seconds after T0. */
  private static TailedEvent event(String topic, long offset, int second) {
    return new TailedEvent(
        topic, 0, offset, "ShiftProgress", T0.plusSeconds(second), "{\"eventId\":\"e\"}");
  }

  private static List<String> ids(List<TailedEvent> events) {
    return events.stream().map(TailedEvent::id).toList();
  }
}
