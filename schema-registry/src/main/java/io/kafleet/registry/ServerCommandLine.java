package io.kafleet.registry;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The options of {@link SchemaRegistryServer#main}, as {@code --name value} or {@code
 * --name=value}.
 */
final class ServerCommandLine {

  static final String USAGE =
      "usage: SchemaRegistryServer --bootstrap-servers HOST:PORT [--port 8081]"
          + " [--topic "
          + RegistrySettings.DEFAULT_TOPIC
          + "] [--host "
          + RegistrySettings.DEFAULT_HOST
          + "] [--basic-auth user:password] [--replication-factor 1]"
          + " [--kafka-config FILE (Kafka client properties, e.g. security.protocol,"
          + " sasl.mechanism, sasl.jaas.config)]";

  /** Confluent's port, so that tools find the registry where they expect it. */
  static final int DEFAULT_PORT = 8081;

  private ServerCommandLine() {}

  /**
   * @throws IllegalArgumentException naming what is wrong with the arguments
   */
  static RegistrySettings parse(String... args) {
    String bootstrapServers = null;
    String topic = RegistrySettings.DEFAULT_TOPIC;
    String host = RegistrySettings.DEFAULT_HOST;
    String basicAuth = null;
    int port = DEFAULT_PORT;
    short replicationFactor = 1;
    Map<String, String> kafkaProperties = Map.of();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      String value;
      int equals = name.indexOf('=');
      if (equals > 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("Missing value for " + name);
      }
      switch (name) {
        case "--bootstrap-servers" -> bootstrapServers = value;
        case "--topic" -> topic = value;
        case "--host" -> host = value;
        case "--basic-auth" -> basicAuth = value;
        case "--port" -> port = number(name, value);
        case "--replication-factor" -> replicationFactor = (short) number(name, value);
        case "--kafka-config" -> kafkaProperties = properties(name, Path.of(value));
        default -> throw new IllegalArgumentException("Unknown option " + name);
      }
    }
    if (bootstrapServers == null) {
      throw new IllegalArgumentException("--bootstrap-servers is required");
    }
    return RegistrySettings.of(bootstrapServers)
        .withTopic(topic)
        .withHost(host)
        .withPort(port)
        .withBasicAuth(basicAuth)
        .withReplicationFactor(replicationFactor)
        .withKafkaProperties(kafkaProperties);
  }

  private static Map<String, String> properties(String name, Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException(name + ": cannot read " + file + ": " + e.getMessage());
    }
    Map<String, String> map = new HashMap<>();
    properties.stringPropertyNames().forEach(key -> map.put(key, properties.getProperty(key)));
    return map;
  }

  private static int number(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " takes a number, not " + value);
    }
  }
}
