package io.kafleet.registry;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link SchemaRegistryServer} reaches Kafka and where it listens. Start from {@link
 * #of(String)} and change what differs with the {@code with...} methods.
 *
 * @param bootstrapServers the Kafka cluster that holds the store topic
 * @param topic the compacted topic that is the registry's only state; created when missing
 * @param replicationFactor the store topic's replication factor, used only when creating it
 * @param host the address to listen on
 * @param port the port to listen on; 0 picks a free one
 * @param basicAuth {@code user:password} that every request must present with HTTP basic auth, or
 *     null to let every request in
 * @param kafkaProperties extra client properties (security, timeouts) for the admin client, the
 *     producer and the consumer; the registry's own settings (acks, idempotence, serializers) win
 * @param timeout how long to wait for Kafka: reading the store at start-up, and each write
 */
public record RegistrySettings(
    String bootstrapServers,
    String topic,
    short replicationFactor,
    String host,
    int port,
    String basicAuth,
    Map<String, Object> kafkaProperties,
    Duration timeout) {

  public static final String DEFAULT_TOPIC = "_kafleet-schemas";
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public RegistrySettings {
    requireText(bootstrapServers, "bootstrapServers");
    requireText(topic, "topic");
    requireText(host, "host");
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("replicationFactor must be at least 1");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
    }
    if (basicAuth != null && basicAuth.indexOf(':') < 1) {
      throw new IllegalArgumentException("basicAuth must be user:password");
    }
    kafkaProperties = Map.copyOf(Objects.requireNonNull(kafkaProperties, "kafkaProperties"));
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }

  /** The defaults: topic {@value #DEFAULT_TOPIC}, a free port on the loopback address, no auth. */
  public static RegistrySettings of(String bootstrapServers) {
    return new RegistrySettings(
        bootstrapServers,
        DEFAULT_TOPIC,
        (short) 1,
        DEFAULT_HOST,
        0,
        null,
        Map.of(),
        DEFAULT_TIMEOUT);
  }

  public RegistrySettings withTopic(String topic) {
    return new RegistrySettings(
        bootstrapServers,
        topic,
        replicationFactor,
        host,
        port,
        basicAuth,
        kafkaProperties,
        timeout);
  }

  public RegistrySettings withReplicationFactor(short replicationFactor) {
    return new RegistrySettings(
        bootstrapServers,
        topic,
        replicationFactor,
        host,
        port,
        basicAuth,
        kafkaProperties,
        timeout);
  }

  public RegistrySettings withHost(String host) {
    return new RegistrySettings(
        bootstrapServers,
        topic,
        replicationFactor,
        host,
        port,
        basicAuth,
        kafkaProperties,
        timeout);
  }

  public RegistrySettings withPort(int port) {
    return new RegistrySettings(
        bootstrapServers,
        topic,
        replicationFactor,
        host,
        port,
        basicAuth,
        kafkaProperties,
        timeout);
  }

  /** Requires HTTP basic auth with this {@code user:password} on every request; null for none. */
  public RegistrySettings withBasicAuth(String basicAuth) {
    return new RegistrySettings(
        bootstrapServers,
        topic,
        replicationFactor,
        host,
        port,
        basicAuth,
        kafkaProperties,
        timeout);
  }

  public RegistrySettings withKafkaProperties(Map<String, ?> kafkaProperties) {
    return new RegistrySettings(
        bootstrapServers,
        topic,
        replicationFactor,
        host,
        port,
        basicAuth,
        Map.copyOf(kafkaProperties),
        timeout);
  }

  /** Without the password, so that the settings can be logged. */
  @Override
  public String toString() {
    return "RegistrySettings[bootstrapServers=%s, topic=%s, replicationFactor=%d, host=%s, port=%d, basicAuth=%s, kafkaProperties=%s, timeout=%s]"
        .formatted(
            bootstrapServers,
            topic,
            replicationFactor,
            host,
            port,
            basicAuth == null ? "none" : basicAuth.substring(0, basicAuth.indexOf(':')) + ":***",
            kafkaProperties.keySet(),
            timeout);
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
