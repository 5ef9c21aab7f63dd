package io.kafleet.placement.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.schemas.Topics;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessAnswersTest {

  private static final AgentCredentials CREDENTIALS =
      new AgentCredentials("member1", "kafleet-agent-member1", "s3cret-password");

  @Test
  void aJoinAnswersTheLoginAndTheClustersTopics() {
    AccessAnswers.Joined joined =
        AccessAnswers.joined(CREDENTIALS, "SASL_SSL", new Topics("t-"), Map.of("env", "prod"));

    assertThat(joined.kafka())
        .isEqualTo(
            new AccessAnswers.KafkaLogin(
                "kafleet-agent-member1", "s3cret-password", "SCRAM-SHA-512", "SASL_SSL"));
    assertThat(joined.topics())
        .containsExactly(
            Map.entry("executionSpace", "t-kafleet.es.member1"),
            Map.entry("status", "t-kafleet.status.member1"),
            Map.entry("query", "t-kafleet.query.member1"),
            Map.entry("queryReply", "t-kafleet.query-reply.member1"));
    assertThat(joined.labels()).containsEntry("env", "prod");
  }

  @Test
  void theLoginNeverPrintsThePassword() {
    assertThat(AccessAnswers.rotated(CREDENTIALS, "SASL_PLAINTEXT").toString())
        .contains("kafleet-agent-member1")
        .doesNotContain("s3cret-password");
  }

  @Test
  void theAgentsProtocolIsTheConfiguredOneElsePlacementsOwnSaslOneElseSaslPlaintext() {
    Map<String, String> ssl = Map.of("security.protocol", "SASL_SSL");
    assertThat(AccessAnswers.agentSecurityProtocol(Optional.of("SASL_PLAINTEXT"), ssl))
        .isEqualTo("SASL_PLAINTEXT");
    assertThat(AccessAnswers.agentSecurityProtocol(Optional.of(""), ssl)).isEqualTo("SASL_SSL");
    assertThat(
            AccessAnswers.agentSecurityProtocol(
                Optional.empty(), Map.of("security.protocol", "PLAINTEXT")))
        .as("a plaintext placement-service (dev) still gives agents SASL")
        .isEqualTo("SASL_PLAINTEXT");
    assertThat(AccessAnswers.agentSecurityProtocol(Optional.empty(), Map.of()))
        .isEqualTo("SASL_PLAINTEXT");
  }
}
