package io.kafleet.traffic.kafka;

import io.kafleet.traffic.fleet.FleetView;
import io.kafleet.traffic.rollouts.RolloutBook;
import io.kafleet.traffic.shifts.ShiftBook;
import java.time.Clock;
import java.util.regex.Pattern;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** traffic-service's parts, wired: the concerns, their writer, and the start-up read. */
@Configuration(proxyBeanMethods = false)
class TrafficConfiguration {

  static final String FLEET_WORKS_DESTINATION =
      "spring.cloud.stream.bindings.fleetWorks-in-0.destination";
  static final String FLEET_STATUS_DESTINATION =
      "spring.cloud.stream.bindings.fleetStatus-in-0.destination";

  @Bean
  TrafficPublisher trafficPublisher(StreamBridge bridge) {
    return new TrafficPublisher(bridge);
  }

  @Bean
  ReadPositions readPositions() {
    return new ReadPositions();
  }

  @Bean
  Traffic traffic(TrafficSettings settings, TrafficPublisher publisher, Clock clock) {
    FleetView fleet = new FleetView();
    ShiftDesk shifts =
        new ShiftDesk(fleet, new ShiftBook(settings.convergenceTimeout()), publisher, clock);
    RolloutRunner rollouts = new RolloutRunner(fleet, shifts, new RolloutBook(), publisher);
    return new Traffic(
        settings.topics(), fleet, shifts, rollouts, new SkipReports(publisher, clock), clock);
  }

  /**
   * Reads at start-up exactly the topics that {@code fleetWorks} and {@code fleetStatus} follow.
   */
  @Bean
  TrafficStartup trafficStartup(
      TrafficSettings settings, Traffic traffic, ReadPositions positions, Environment environment) {
    Pattern fleetTopics =
        Pattern.compile(
            "(?:"
                + environment.getRequiredProperty(FLEET_WORKS_DESTINATION)
                + ")|(?:"
                + environment.getRequiredProperty(FLEET_STATUS_DESTINATION)
                + ")");
    return new TrafficStartup(settings, traffic, positions, fleetTopics);
  }
}
