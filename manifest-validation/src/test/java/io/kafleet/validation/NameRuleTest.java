package io.kafleet.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameRuleTest {

  @Test
  void kindsTakeTheRuleKubeApiserverChecksTheirNamesBy() {
    assertThat(NameRule.forKind("core", "ConfigMap")).isEqualTo(NameRule.DNS1123_SUBDOMAIN);
    assertThat(NameRule.forKind("apps", "Deployment")).isEqualTo(NameRule.DNS1123_SUBDOMAIN);
    assertThat(NameRule.forKind("networking.istio.io", "VirtualService"))
        .isEqualTo(NameRule.DNS1123_SUBDOMAIN);
    assertThat(NameRule.forKind("core", "Namespace")).isEqualTo(NameRule.DNS1123_LABEL);
    assertThat(NameRule.forKind("core", "Service")).isEqualTo(NameRule.DNS1035_LABEL);
    assertThat(NameRule.forKind("rbac.authorization.k8s.io", "ClusterRole"))
        .isEqualTo(NameRule.PATH_SEGMENT);
    assertThat(NameRule.forKind("batch", "CronJob")).isEqualTo(NameRule.CRONJOB_NAME);
  }

  @Test
  void aServiceNameIsALabelThatStartsWithALetterButAConfigMapsMayHoldDots() {
    assertThat(NameRule.DNS1035_LABEL.check("reviews.v1")).isNotEmpty();
    assertThat(NameRule.DNS1035_LABEL.check("9reviews")).isNotEmpty();
    assertThat(NameRule.DNS1123_SUBDOMAIN.check("reviews.v1")).isEmpty();
    assertThat(NameRule.PATH_SEGMENT.check("system:Admin")).isEmpty();
  }

  @Test
  void aCronJobNameLeavesRoomForItsJobsSuffix() {
    assertThat(NameRule.CRONJOB_NAME.check("c".repeat(52))).isEmpty();
    assertThat(NameRule.CRONJOB_NAME.check("c".repeat(53)))
        .containsExactly("must be no more than 52 characters");
  }
}
