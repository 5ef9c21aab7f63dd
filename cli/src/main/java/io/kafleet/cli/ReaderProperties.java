package io.kafleet.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A Kafka client properties file for a reader of the fleet events, from placement-service's answer
 * to {@code POST /api/v1/access/readers/NAME}: what kcat ({@code -F}), a Java client or a Kafka
 * Connect worker loads as it is.
 *
 * @param topics the event topics the reader may read
 * @param groupId a group of the reader's own prefix, suggested
 */
record ReaderProperties(
    String reader,
    AgentLogin login,
    String groupPrefix,
    List<String> topics,
    String bootstrapServers,
    String schemaRegistryUrl) {

  ReaderProperties {
    topics = List.copyOf(topics);
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "ReaderProperties[reader=" + reader + ", login=" + login + "]";
  }

  /**
   * Reads the answer; the addresses given (option or environment) win over placement-service's,
   * which are where placement-service itself reaches Kafka and the registry.
   */
  static ReaderProperties from(
      JsonNode answer, Optional<String> bootstrapServers, Optional<String> schemaRegistryUrl) {
    List<String> topics = new ArrayList<>();
    answer.path("topics").forEach(topic -> topics.add(topic.asString()));
    return new ReaderProperties(
        required(answer, "reader"),
        AgentLogin.from(answer),
        required(answer, "groupPrefix"),
        topics,
        bootstrapServers
            .filter(s -> !s.isBlank())
            .orElseGet(() -> required(answer, "bootstrapServers")),
        schemaRegistryUrl
            .filter(s -> !s.isBlank())
            .orElseGet(() -> required(answer, "schemaRegistryUrl")));
  }

  /** The suggested consumer group: the reader's prefix and {@code events}. */
  String groupId() {
    return groupPrefix + "events";
  }

  String render() {
    StringBuilder file = new StringBuilder();
    file.append("# Kafka client settings of the kafleet events reader '")
        .append(reader)
        .append("' (user ")
        .append(login.username())
        .append(").\n")
        .append("# The password is shown only this once: keep this file private (chmod 600).\n")
        .append("# It may read: ")
        .append(String.join(", ", topics))
        .append("\n# in consumer groups whose names start with '")
        .append(groupPrefix)
        .append("' (any other group is refused).\n");
    property(file, "bootstrap.servers", bootstrapServers);
    property(file, "security.protocol", login.securityProtocol());
    property(file, "sasl.mechanism", login.mechanism());
    property(file, "sasl.jaas.config", login.settings().get("KAFLEET_KAFKA_SASL_JAAS_CONFIG"));
    if (login.trustedCertificates().isPresent()) {
      file.append("# The brokers' certificates are signed by this CA:\n");
      property(file, "ssl.truststore.type", "PEM");
      property(file, "ssl.truststore.certificates", login.trustedCertificates().get());
    }
    property(file, "group.id", groupId());
    file.append(
        "# placement-service writes its events in transactions: read committed ones only.\n");
    property(file, "isolation.level", "read_committed");
    property(file, "auto.offset.reset", "earliest");
    file.append(
        "# Values are Avro in the Confluent wire format (keys are strings); the schemas are in\n"
            + "# this registry (Confluent's and kafleet's deserializers read this key):\n");
    property(file, "schema.registry.url", schemaRegistryUrl);
    return file.toString();
  }

  /** One line of a Java properties file: backslashes, and line breaks, escaped in the value. */
  private static void property(StringBuilder file, String key, String value) {
    file.append(key)
        .append('=')
        .append(value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r"))
        .append('\n');
  }

  private static String required(JsonNode answer, String field) {
    String value = answer.path(field).asString("");
    if (value.isEmpty()) {
      throw new CliException("placement-service's answer has no " + field);
    }
    return value;
  }
}
