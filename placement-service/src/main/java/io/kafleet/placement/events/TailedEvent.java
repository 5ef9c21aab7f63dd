package io.kafleet.placement.events;

import java.time.Instant;

/**
 * A fleet event as the console shows it: where it was read, its variant and time, and its JSON as
 * {@code kafleet events -o json} prints it.
 *
 * @param type the payload's variant, e.g. {@code ShiftProgress}
 * @param json one line of JSON, never a line break in it
 */
public record TailedEvent(
    String topic, int partition, long offset, String type, Instant occurredAt, String json) {

  /** {@code <topic>:<partition>:<offset>}: unique, and the same each time the record is read. */
  public String id() {
    return topic + ":" + partition + ":" + offset;
  }
}
