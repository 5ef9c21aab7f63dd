package io.kafleet.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * How the agent logs in to Kafka, from the {@code kafka} block of a join or rotate answer, as the
 * agent's {@code KAFLEET_KAFKA_*} settings ({@code KAFLEET_KAFKA_SASL_JAAS_CONFIG} is {@code
 * sasl.jaas.config}).
 *
 * @param trustedCertificates over SASL_SSL, the PEM certificates the brokers' are trusted by, when
 *     placement-service names them (a private CA); empty when the system's CAs serve
 */
record AgentLogin(
    String username,
    String password,
    String mechanism,
    String securityProtocol,
    Optional<String> trustedCertificates) {

  /** Never prints the password. */
  @Override
  public String toString() {
    return "AgentLogin[username=" + username + ", password=(hidden)]";
  }

  /** Reads the answer's {@code kafka} block; a missing part is placement-service's error. */
  static AgentLogin from(JsonNode answer) {
    JsonNode kafka = answer.path("kafka");
    return new AgentLogin(
        required(kafka, "username"),
        required(kafka, "password"),
        required(kafka, "mechanism"),
        required(kafka, "securityProtocol"),
        Optional.of(kafka.path("trustedCertificates").asString("")).filter(pem -> !pem.isBlank()));
  }

  Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("KAFLEET_KAFKA_SECURITY_PROTOCOL", securityProtocol);
    settings.put("KAFLEET_KAFKA_SASL_MECHANISM", mechanism);
    settings.put(
        "KAFLEET_KAFKA_SASL_JAAS_CONFIG",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username="
            + quoted(username)
            + " password="
            + quoted(password)
            + ";");
    trustedCertificates.ifPresent(
        pem -> {
          settings.put("KAFLEET_KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
          settings.put("KAFLEET_KAFKA_SSL_TRUSTSTORE_CERTIFICATES", pem);
        });
    return settings;
  }

  /** JAAS's quoting: a backslash escapes the next character. */
  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String required(JsonNode kafka, String field) {
    String value = kafka.path(field).asString("");
    if (value.isEmpty()) {
      throw new CliException("placement-service's answer has no kafka." + field);
    }
    return value;
  }
}
