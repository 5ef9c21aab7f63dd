package io.kafleet.devstack;

import io.kafleet.kafka.embedded.BrokerSettings;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;

/**
 * The embedded default: a real Kafka broker and the schema registry, with their state under one
 * directory. The services and member clusters join it as their issues land.
 */
public final class DevStack implements AutoCloseable {

  private final EmbeddedKafkaBroker broker;
  private final SchemaRegistryServer registry;

  private DevStack(EmbeddedKafkaBroker broker, SchemaRegistryServer registry) {
    this.broker = broker;
    this.registry = registry;
  }

  public static DevStack start(DevStackSettings settings) {
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(
            BrokerSettings.in(settings.stateDirectory().resolve("kafka"))
                .withPorts(settings.kafkaPort(), 0));
    try {
      SchemaRegistryServer registry =
          SchemaRegistryServer.start(
              RegistrySettings.of(broker.bootstrapServers()).withPort(settings.registryPort()));
      return new DevStack(broker, registry);
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public String schemaRegistryUrl() {
    return registry.url();
  }

  /** Where everything listens, as printed to the user. */
  public String endpoints() {
    return String.join(
        System.lineSeparator(),
        "Kafka broker     " + bootstrapServers(),
        "Schema registry  " + schemaRegistryUrl());
  }

  @Override
  public void close() {
    try {
      registry.close();
    } finally {
      broker.close();
    }
  }

  public static void main(String[] args) throws InterruptedException {
    DevStack stack = start(DevStackSettings.defaults());
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "dev-stack-stop"));
    System.out.println(stack.endpoints());
    System.out.println("kafleet dev stack is up; Ctrl-C stops it.");
    Thread.currentThread().join();
  }
}
