package io.kafleet.placement.kafka;

import io.kafleet.schemas.ControlPlaneClients;
import io.kafleet.schemas.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code kafleet.kafka.properties}: extra Kafka client properties (security.protocol,
 * sasl.mechanism, sasl.jaas.config, ...) that every Kafka client of placement-service starts from,
 * its own clients through {@link KafkaSettings} and the Spring Cloud Stream binder's through this
 * initializer, which hands them to the binder's {@code configuration} (and to {@code
 * spring.kafka.properties}) before the context starts. A map cannot be passed on with a placeholder
 * in the YAML, and the binder runs in a child context that no bean post-processor of this one
 * reaches, but it reads this context's environment.
 *
 * <p>It also names the status binding's consumer group: one of placement-service's own groups
 * ({@link ControlPlaneClients#placementGroups}), new at each start so that every instance reads
 * every status topic from the start, and which its ACLs grant (the binder's anonymous groups would
 * need a right on every group named {@code anonymous.*}).
 */
public final class KafkaClientProperties
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  public static final String PREFIX = "kafleet.kafka.properties";

  /** The extra properties, empty when none are set. */
  public static Map<String, String> of(Environment environment) {
    return Binder.get(environment)
        .bind(PREFIX, Bindable.mapOf(String.class, String.class))
        .orElse(Map.of());
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment environment = context.getEnvironment();
    Map<String, Object> derived = new LinkedHashMap<>();
    of(environment)
        .forEach(
            (name, value) -> {
              derived.put("spring.cloud.stream.kafka.binder.configuration." + name, value);
              derived.put("spring.kafka.properties." + name, value);
            });
    Topics topics = new Topics(environment.getProperty("kafleet.topic-prefix", ""));
    derived.put(
        "spring.cloud.stream.bindings.clusterStatus-in-0.group",
        ControlPlaneClients.placementGroups(topics) + "-status-" + UUID.randomUUID());
    // Last: a setting made explicitly for the binder still wins.
    environment
        .getPropertySources()
        .addLast(new MapPropertySource("kafleet-kafka-clients", derived));
  }
}
