package io.kafleet.serde;

import io.kafleet.events.RecordSkipped;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * What every kafleet consumer does with a value it cannot take: says why ({@link #problem}), and
 * names the record it skips in a {@link RecordSkipped} event and one log line. A value that is an
 * {@link Unreadable} (see {@link PoisonTolerantDeserializer}) or an event of another type than the
 * topic carries is poison; a tombstone (null) is not.
 */
public final class PoisonRecords {

  private PoisonRecords() {}

  /**
   * Why {@code value} cannot be taken as one of {@code expected}; empty when it can, or when it is
   * a tombstone.
   */
  public static Optional<String> problem(Object value, Class<?>... expected) {
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Unreadable unreadable) {
      return Optional.of(unreadable.reason());
    }
    for (Class<?> type : expected) {
      if (type.isInstance(value)) {
        return Optional.empty();
      }
    }
    String found =
        value instanceof SpecificRecord record
            ? record.getSchema().getFullName()
            : value.getClass().getName();
    StringBuilder wanted = new StringBuilder();
    for (Class<?> type : expected) {
      wanted.append(wanted.isEmpty() ? "" : " or ").append(type.getSimpleName());
    }
    return Optional.of("the value is a " + found + ", not a " + wanted + " as the topic carries");
  }

  /** The event naming the skipped record. */
  public static RecordSkipped skipped(
      String consumer,
      String topic,
      int partition,
      long offset,
      String key,
      String reason,
      Instant at) {
    return new RecordSkipped(consumer, topic, partition, offset, key, reason, at);
  }

  /** The one log line of a skip: where the record is and why it was skipped. */
  public static String describe(RecordSkipped skipped) {
    return skipped.getConsumer()
        + " skipped the record at "
        + skipped.getTopic()
        + "-"
        + skipped.getPartition()
        + "@"
        + skipped.getOffset()
        + (skipped.getKey() == null ? "" : " (key " + skipped.getKey() + ")")
        + ": "
        + skipped.getReason();
  }

  /** The key a skip is published under: one per partition, so compaction keeps the latest. */
  public static String key(RecordSkipped skipped) {
    return "skipped/" + skipped.getTopic() + "/" + skipped.getPartition();
  }
}
