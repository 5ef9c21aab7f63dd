package io.kafleet.traffic.kafka;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.TrafficShiftRequested;
import io.kafleet.schemas.KafkaTopics;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The start of a term of leading: rebuilds the books from traffic-service's own topics (rollout
 * requests, then events, then shift commands), reads the fleet's topics to the end, and only then
 * lets the bindings ({@link FleetBindings}) go on from where it stopped. A plain consumer does
 * these reads because they must know where "the end at start-up" is, which a binding cannot say;
 * the events and shift topics are read at start only, since the leader is their one writer and
 * takes what it writes into its books as it writes it. Committed records only: a step a former
 * leader left half-written was aborted when this term's publisher fenced it.
 */
final class TrafficStartup {

  private TrafficStartup() {}

  /**
   * @param fleetTopics the topics {@code fleetWorks} and {@code fleetStatus} follow, both patterns
   *     together
   */
  static void rebuild(
      TrafficSettings settings, Traffic traffic, ReadPositions positions, Pattern fleetTopics) {
    StartupRead.read(
        settings.reader(),
        Pattern.compile(Pattern.quote(settings.topics().rolloutRequests())),
        positions,
        batch -> batch.forEach(traffic::restoreRequest));
    KafkaTopics.readToEnd(
        settings.reader(),
        List.of(settings.topics().trafficEvents()),
        FleetEvent.class,
        TrafficPublisher.SOURCE,
        (topic, key, value) -> {
          if (value instanceof FleetEvent event) {
            traffic.restoreEvent(event);
          }
        },
        traffic::skipped);
    KafkaTopics.readToEnd(
        settings.reader(),
        List.of(settings.topics().trafficShifts()),
        TrafficShiftRequested.class,
        TrafficPublisher.SOURCE,
        (topic, key, value) -> {
          if (value instanceof TrafficShiftRequested shift) {
            traffic.restoreShift(key, shift);
          }
        },
        traffic::skipped);
    StartupRead.read(settings.reader(), fleetTopics, positions, traffic::onFleet);
    traffic.markReady();
  }
}
