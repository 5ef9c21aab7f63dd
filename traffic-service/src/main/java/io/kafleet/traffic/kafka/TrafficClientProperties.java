package io.kafleet.traffic.kafka;

import io.kafleet.schemas.ControlPlaneClients;
import io.kafleet.schemas.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Hands {@code kafleet.kafka.properties} (security.protocol, sasl.mechanism, sasl.jaas.config, ...)
 * to the Spring Cloud Stream binder's clients too, before the context starts: a map cannot be
 * passed on with a placeholder in the YAML, and the binder runs in a child context that reads this
 * context's environment. It also names each consumer binding's group: one of traffic-service's own
 * ({@link ControlPlaneClients#trafficGroups}, which its ACLs grant), new at each start, since every
 * instance reads everything and resumes where its own start-up read stopped.
 */
public final class TrafficClientProperties
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  /** The consumer bindings of {@link FleetBindings}. */
  static final List<String> CONSUMER_BINDINGS =
      List.of("fleetWorks-in-0", "fleetStatus-in-0", "rolloutRequested-in-0");

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment environment = context.getEnvironment();
    Map<String, Object> derived = new LinkedHashMap<>();
    Binder.get(environment)
        .bind("kafleet.kafka.properties", Bindable.mapOf(String.class, String.class))
        .orElse(Map.of())
        .forEach(
            (name, value) -> {
              derived.put("spring.cloud.stream.kafka.binder.configuration." + name, value);
              derived.put("spring.kafka.properties." + name, value);
            });
    Topics topics = new Topics(environment.getProperty("kafleet.topic-prefix", ""));
    String instance = UUID.randomUUID().toString();
    for (String binding : CONSUMER_BINDINGS) {
      derived.put(
          "spring.cloud.stream.bindings." + binding + ".group",
          ControlPlaneClients.trafficGroups(topics)
              + binding.substring(0, binding.indexOf('-'))
              + "-"
              + instance);
    }
    // Last: a setting made explicitly for the binder still wins.
    environment
        .getPropertySources()
        .addLast(new MapPropertySource("kafleet-traffic-kafka-clients", derived));
  }
}
