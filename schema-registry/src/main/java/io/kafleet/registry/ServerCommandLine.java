package io.kafleet.registry;

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
          + "] [--basic-auth user:password] [--replication-factor 1]";

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
        .withReplicationFactor(replicationFactor);
  }

  private static int number(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " takes a number, not " + value);
    }
  }
}
