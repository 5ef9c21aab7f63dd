package io.kafleet.bench;

import io.kafleet.kafka.embedded.BrokerSettings;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.placement.PlacementServiceApplication;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.traffic.TrafficServiceApplication;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The control plane under test, as the dev stack runs it: a real broker (its own JVM), the schema
 * registry, placement-service and traffic-service in this JVM, every port picked free.
 */
final class Stack implements AutoCloseable {

  /** The services log at INFO, which would bury the bench's own output (and slow it down). */
  private static final String QUIET = "--logging.level.io.kafleet=WARN";

  private static final String NO_STARTUP_INFO = "--spring.main.log-startup-info=false";

  /** Spring Boot would otherwise reconfigure logging from whichever logback.xml comes first. */
  static final String LOG_CONFIG = "bench-logback.xml";

  /**
   * The APIs ask for a bearer token, as anywhere: the bench calls them as an admin with a token of
   * its own (the cost of checking it is part of what an API call costs).
   */
  static final String TOKEN = UUID.randomUUID().toString();

  private static final String[] WITH_TOKEN = {
    "--kafleet.security.static-tokens[0].name=bench",
    "--kafleet.security.static-tokens[0].role=admin",
    "--kafleet.security.static-tokens[0].token=" + TOKEN
  };

  private final EmbeddedKafkaBroker broker;
  private final SchemaRegistryServer registry;
  private ConfigurableApplicationContext placement;
  private final ConfigurableApplicationContext traffic;

  private Stack(
      EmbeddedKafkaBroker broker,
      SchemaRegistryServer registry,
      ConfigurableApplicationContext placement,
      ConfigurableApplicationContext traffic) {
    this.broker = broker;
    this.registry = registry;
    this.placement = placement;
    this.traffic = traffic;
  }

  static Stack start(Path stateDirectory) {
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(BrokerSettings.in(stateDirectory.resolve("kafka")));
    SchemaRegistryServer registry = null;
    ConfigurableApplicationContext placement = null;
    try {
      registry = SchemaRegistryServer.start(RegistrySettings.of(broker.bootstrapServers()));
      placement = startPlacement(broker.bootstrapServers(), registry.url());
      ConfigurableApplicationContext traffic =
          TrafficServiceApplication.builder()
              .run(
                  "--server.port=0",
                  "--kafleet.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                  "--kafleet.schema-registry.url=" + registry.url(),
                  WITH_TOKEN[0],
                  WITH_TOKEN[1],
                  WITH_TOKEN[2],
                  QUIET,
                  NO_STARTUP_INFO,
                  "--logging.config=classpath:" + LOG_CONFIG);
      return new Stack(broker, registry, placement, traffic);
    } catch (RuntimeException | Error e) {
      if (placement != null) {
        placement.close();
      }
      if (registry != null) {
        registry.close();
      }
      broker.close();
      throw e;
    }
  }

  private static ConfigurableApplicationContext startPlacement(
      String bootstrapServers, String registryUrl) {
    return PlacementServiceApplication.builder()
        .run(
            "--server.port=0",
            "--kafleet.kafka.bootstrap-servers=" + bootstrapServers,
            "--kafleet.schema-registry.url=" + registryUrl,
            "--kafleet.clusters.auto-accept=true",
            WITH_TOKEN[0],
            WITH_TOKEN[1],
            WITH_TOKEN[2],
            QUIET,
            NO_STARTUP_INFO,
            "--logging.config=classpath:" + LOG_CONFIG);
  }

  void stopPlacement() {
    placement.close();
  }

  /** Starts placement-service again; returns once its context is up (it may not lead yet). */
  void startPlacement() {
    placement = startPlacement(bootstrapServers(), schemaRegistryUrl());
  }

  String placementUrl() {
    return "http://localhost:" + placement.getEnvironment().getProperty("local.server.port");
  }

  String trafficUrl() {
    return "http://localhost:" + traffic.getEnvironment().getProperty("local.server.port");
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  String schemaRegistryUrl() {
    return registry.url();
  }

  long brokerPid() {
    return broker.pid();
  }

  @Override
  public void close() {
    try {
      traffic.close();
      placement.close();
    } finally {
      try {
        registry.close();
      } finally {
        broker.close();
      }
    }
  }
}
