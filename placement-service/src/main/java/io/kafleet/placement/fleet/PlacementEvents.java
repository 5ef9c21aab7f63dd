package io.kafleet.placement.fleet;

import io.kafleet.events.FleetEvent;
import io.kafleet.schemas.Topics;
import java.time.Clock;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Builds the fleet events placement-service publishes on {@code kafleet.placement.events}. */
final class PlacementEvents {

  static final String SOURCE = "placement-service";

  private final Topics topics;
  private final Clock clock;

  PlacementEvents(Topics topics, Clock clock) {
    this.topics = topics;
    this.clock = clock;
  }

  ProducerRecord<String, Object> record(String key, Object payload) {
    return new ProducerRecord<>(
        topics.placementEvents(),
        key,
        new FleetEvent(UUID.randomUUID().toString(), null, SOURCE, clock.instant(), payload));
  }
}
