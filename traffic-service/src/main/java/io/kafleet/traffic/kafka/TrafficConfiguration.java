package io.kafleet.traffic.kafka;

import java.time.Clock;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** traffic-service's parts, wired: the election, whose terms hold the books, and the bindings. */
@Configuration(proxyBeanMethods = false)
class TrafficConfiguration {

  static final String FLEET_WORKS_DESTINATION =
      "spring.cloud.stream.bindings.fleetWorks-in-0.destination";
  static final String FLEET_STATUS_DESTINATION =
      "spring.cloud.stream.bindings.fleetStatus-in-0.destination";

  @Bean
  ConsumerBindings consumerBindings(
      ApplicationContext context, ObjectProvider<BindingsLifecycleController> controller) {
    return new ConsumerBindings(context, controller, TrafficClientProperties.CONSUMER_BINDINGS);
  }

  /**
   * Each term reads at its start exactly the topics that {@code fleetWorks} and {@code fleetStatus}
   * follow.
   */
  @Bean
  TrafficLeadership trafficLeadership(
      TrafficSettings settings,
      Clock clock,
      ConsumerBindings bindings,
      Environment environment,
      ObjectProvider<TrafficObserver> observer) {
    Pattern fleetTopics =
        Pattern.compile(
            "(?:"
                + environment.getRequiredProperty(FLEET_WORKS_DESTINATION)
                + ")|(?:"
                + environment.getRequiredProperty(FLEET_STATUS_DESTINATION)
                + ")");
    return new TrafficLeadership(
        settings,
        clock,
        fleetTopics,
        bindings,
        observer.getIfAvailable(() -> TrafficObserver.NONE));
  }
}
