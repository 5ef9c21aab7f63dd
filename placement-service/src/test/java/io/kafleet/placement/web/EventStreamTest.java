package io.kafleet.placement.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.placement.events.TailedEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventStreamTest {

  @Test
  void anEventIsOneMessageWithItsTypeIdAndJson() {
    TailedEvent event =
        new TailedEvent(
            "kafleet.traffic.events",
            2,
            41L,
            "ShiftCompleted",
            Instant.parse("2026-11-22T03:00:00Z"),
            "{\"type\":\"ShiftCompleted\",\"eventId\":\"e1\"}");

    assertThat(EventStream.message(event))
        .isEqualTo(
            "event: ShiftCompleted\nid: kafleet.traffic.events:2:41\n"
                + "data: {\"type\":\"ShiftCompleted\",\"eventId\":\"e1\"}\n\n");
  }
}
