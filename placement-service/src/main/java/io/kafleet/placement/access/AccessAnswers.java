package io.kafleet.placement.access;

import io.kafleet.schemas.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What join and rotate answer: the only place the agent's password is ever shown. */
public final class AccessAnswers {

  private AccessAnswers() {}

  /**
   * How the agent logs in to Kafka.
   *
   * @param securityProtocol the agent's {@code security.protocol}
   */
  public record KafkaLogin(
      String username, String password, String mechanism, String securityProtocol) {

    /** Never prints the password. */
    @Override
    public String toString() {
      return "KafkaLogin[username="
          + username
          + ", mechanism="
          + mechanism
          + ", securityProtocol="
          + securityProtocol
          + ", password=(hidden)]";
    }
  }

  /** The answer of a join. */
  public record Joined(
      String cluster, KafkaLogin kafka, Map<String, String> topics, Map<String, String> labels) {}

  /** The answer of a rotate. */
  public record Rotated(String cluster, KafkaLogin kafka) {}

  public static Joined joined(
      AgentCredentials credentials,
      String securityProtocol,
      Topics topics,
      Map<String, String> labels) {
    String cluster = credentials.cluster();
    Map<String, String> names = new LinkedHashMap<>();
    names.put("executionSpace", topics.executionSpace(cluster));
    names.put("status", topics.status(cluster));
    names.put("query", topics.query(cluster));
    names.put("queryReply", topics.queryReply(cluster));
    return new Joined(cluster, login(credentials, securityProtocol), names, labels);
  }

  public static Rotated rotated(AgentCredentials credentials, String securityProtocol) {
    return new Rotated(credentials.cluster(), login(credentials, securityProtocol));
  }

  /**
   * The agent's security protocol: the one configured for agents, else placement-service's own when
   * it is a SASL one (agents reach the same brokers), else SASL_PLAINTEXT.
   */
  public static String agentSecurityProtocol(
      Optional<String> configured, Map<String, String> placementProperties) {
    return configured
        .filter(protocol -> !protocol.isBlank())
        .or(
            () ->
                Optional.ofNullable(placementProperties.get("security.protocol"))
                    .filter(protocol -> protocol.startsWith("SASL_")))
        .orElse("SASL_PLAINTEXT");
  }

  private static KafkaLogin login(AgentCredentials credentials, String securityProtocol) {
    return new KafkaLogin(
        credentials.user(), credentials.password(), AgentCredentials.MECHANISM, securityProtocol);
  }
}
