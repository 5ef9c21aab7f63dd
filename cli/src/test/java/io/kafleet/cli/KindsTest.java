package io.kafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KindsTest {

  @Test
  void takesKindsAsKubectlDoes() {
    assertThat(Kinds.normalize("deployments")).isEqualTo("deployment");
    assertThat(Kinds.normalize("Deployment")).isEqualTo("deployment");
    assertThat(Kinds.normalize("svc")).isEqualTo("service");
    assertThat(Kinds.normalize("vs")).isEqualTo("virtualservice");
    assertThat(Kinds.normalize("propagationpolicies")).isEqualTo("propagationpolicy");
    assertThat(Kinds.normalize("ingresses")).isEqualTo("ingress");
    assertThat(Kinds.normalize("ingress")).isEqualTo("ingress");
    assertThat(Kinds.normalize("canaries")).isEqualTo("canary");
    assertThat(Kinds.normalize("serviceentries")).isEqualTo("serviceentry");
  }
}
