package io.kafleet.placement.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentCredentialsTest {

  @Test
  void credentialsNeverPrintThePassword() {
    var credentials = new AgentCredentials("member1", "kafleet-agent-member1", "s3cret-value");

    assertThat(credentials.toString()).doesNotContain("s3cret-value").contains("member1");
    assertThat(credentials.saslProperties().get("sasl.jaas.config"))
        .contains("username=\"kafleet-agent-member1\" password=\"s3cret-value\"");
  }
}
