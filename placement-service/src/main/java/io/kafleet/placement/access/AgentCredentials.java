package io.kafleet.placement.access;

import java.util.Map;

/**
 * What an agent logs in to Kafka with: its SCRAM-SHA-512 user and password. The password is shown
 * once, to whoever joins or rotates the cluster; kafleet keeps no copy.
 */
public record AgentCredentials(String cluster, String user, String password) {

  public static final String MECHANISM = "SCRAM-SHA-512";

  /**
   * The agent's SASL client properties; the security protocol (SASL_SSL, or SASL_PLAINTEXT on a
   * trusted network) is the deployment's to choose.
   */
  public Map<String, String> saslProperties() {
    return Map.of(
        "sasl.mechanism",
        MECHANISM,
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + user
            + "\" password=\""
            + password
            + "\";");
  }

  /** Never prints the password, so that logging the credentials cannot leak it. */
  @Override
  public String toString() {
    return "AgentCredentials[cluster=" + cluster + ", user=" + user + ", password=(hidden)]";
  }
}
