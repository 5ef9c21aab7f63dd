package io.kafleet.placement.handlers;

import io.kafleet.events.RecordSkipped;
import io.kafleet.placement.core.Decision;
import io.kafleet.placement.core.Intent;
import io.kafleet.placement.core.SingleWriter;
import io.kafleet.serde.PoisonRecords;
import java.util.List;

/**
 * Records that could not be read, placement-service's own and those an agent reported on its status
 * topic: published as {@code RecordSkipped} fleet events on {@code kafleet.placement.events}, so
 * that a skip is never silent. Changes nothing in the fleet.
 */
public final class SkipsHandler {

  private final SingleWriter writer;

  public SkipsHandler(SingleWriter writer) {
    this.writer = writer;
  }

  /** Publishes one event per skipped record, all in one transaction. */
  public void publish(List<RecordSkipped> skipped) {
    if (skipped.isEmpty()) {
      return;
    }
    writer.decide(model -> new Decision(intents(skipped), List.of(), List.of()));
  }

  /** The events of these skips, to publish with another decision. */
  public static List<Intent> intents(List<RecordSkipped> skipped) {
    return skipped.stream()
        .<Intent>map(skip -> new Intent.Publish(PoisonRecords.key(skip), skip))
        .toList();
  }
}
