package io.kafleet.placement.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessAnswersTest {

  private static final AgentCredentials CREDENTIALS =
      new AgentCredentials("member1", "kafleet-agent-member1", "s3cret-password");

  @Test
  void aJoinAnswersTheLoginAndTheClustersTopics() {
    AccessAnswers.Joined joined =
        AccessAnswers.joined(
            CREDENTIALS,
            AccessAnswers.AgentTransport.of("SASL_SSL"),
            new Topics("t-"),
            Map.of("env", "prod"));

    assertThat(joined.kafka())
        .isEqualTo(
            new AccessAnswers.KafkaLogin(
                "kafleet-agent-member1", "s3cret-password", "SCRAM-SHA-512", "SASL_SSL", null));
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
    assertThat(
            AccessAnswers.rotated(CREDENTIALS, AccessAnswers.AgentTransport.of("SASL_PLAINTEXT"))
                .toString())
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

  @Test
  void overSaslSslAgentsTrustTheConfiguredFileElsePlacementsOwnPemTrust(@TempDir Path dir)
      throws Exception {
    String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    Path ca = Files.writeString(dir.resolve("ca.crt"), pem);
    Path other = Files.writeString(dir.resolve("other.crt"), pem.replace("MIIB", "MIIC"));
    Map<String, String> placement =
        Map.of("ssl.truststore.type", "PEM", "ssl.truststore.location", other.toString());

    assertThat(
            AccessAnswers.agentTrustedCertificates(
                "SASL_SSL", Optional.of(ca.toString()), placement))
        .contains(pem);
    assertThat(AccessAnswers.agentTrustedCertificates("SASL_SSL", Optional.of(""), placement))
        .as("placement-service's own trust store file")
        .contains(pem.replace("MIIB", "MIIC"));
    assertThat(
            AccessAnswers.agentTrustedCertificates(
                "SASL_SSL",
                Optional.empty(),
                Map.of("ssl.truststore.type", "PEM", "ssl.truststore.certificates", pem)))
        .contains(pem);
    assertThat(
            AccessAnswers.agentTrustedCertificates(
                "SASL_SSL", Optional.empty(), Map.of("ssl.truststore.location", "/x.jks")))
        .as("a JKS trust store is not handed out: agents need their own")
        .isEmpty();
    assertThat(
            AccessAnswers.agentTrustedCertificates("SASL_PLAINTEXT", Optional.empty(), placement))
        .as("no TLS, no trust")
        .isEmpty();
    Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
    assertThatThrownBy(
            () ->
                AccessAnswers.agentTrustedCertificates(
                    "SASL_SSL", Optional.of(notPem.toString()), Map.of()))
        .hasMessageContaining(notPem.toString())
        .hasMessageContaining("no PEM certificate");
  }
}
