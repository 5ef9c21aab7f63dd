package io.kafleet.traffic.kafka;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.RolloutRequested;
import io.kafleet.events.TrafficShiftRequested;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Everything traffic-service writes, through {@link StreamBridge}: one output binding per topic it
 * owns (it is their one writer), each encoded natively by kafleet's Avro serde and sent
 * synchronously ({@code sync: true} in the binding), so that a command or event becomes state here
 * only once Kafka has it. None of these writes spans topics, so none needs a transaction.
 */
public final class TrafficPublisher {

  /** The {@code source} of every fleet event traffic-service publishes. */
  static final String SOURCE = "traffic-service";

  /** {@code kafleet.traffic.shifts}: the validated shift commands, keyed by VirtualService. */
  static final String SHIFTS = "trafficShifts-out-0";

  /** {@code kafleet.traffic.events}: shift progress and rollout progress, keyed by their id. */
  static final String EVENTS = "trafficEvents-out-0";

  /** {@code kafleet.rollout.requests}: rollouts asked through the API, keyed by their id. */
  static final String ROLLOUT_REQUESTS = "rolloutRequests-out-0";

  private final StreamBridge bridge;

  public TrafficPublisher(StreamBridge bridge) {
    this.bridge = bridge;
  }

  void shift(String virtualService, TrafficShiftRequested command) {
    send(SHIFTS, virtualService, command);
  }

  void event(String key, FleetEvent event) {
    send(EVENTS, key, event);
  }

  void rolloutRequest(RolloutRequested request) {
    send(ROLLOUT_REQUESTS, request.getCorrelationId(), request);
  }

  private void send(String binding, String key, Object value) {
    Message<Object> message =
        MessageBuilder.withPayload(value).setHeader(KafkaHeaders.KEY, key).build();
    if (!bridge.send(binding, message)) {
      throw new IllegalStateException("cannot write " + key + " through binding " + binding);
    }
  }
}
