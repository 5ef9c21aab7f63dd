package io.kafleet.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessRulesTest {

  private final AccessRules rules = AccessRules.withAdminWrites("/api/v1/clusters/**");

  @Test
  void readsNeedViewerEvenUnderAdminPaths() {
    assertThat(rules.required("GET", "/api/v1/objects")).isEqualTo(Role.VIEWER);
    assertThat(rules.required("GET", "/api/v1/clusters/member1/objects")).isEqualTo(Role.VIEWER);
    assertThat(rules.required("head", "/api/v1/clusters")).isEqualTo(Role.VIEWER);
  }

  @Test
  void writesNeedOperatorExceptUnderAdminPaths() {
    assertThat(rules.required("POST", "/api/v1/apply")).isEqualTo(Role.OPERATOR);
    assertThat(rules.required("DELETE", "/api/v1/objects/apps/Deployment/default/a"))
        .isEqualTo(Role.OPERATOR);
    assertThat(rules.required("POST", "/api/v1/clusters/member1/accept")).isEqualTo(Role.ADMIN);
    assertThat(rules.required("PUT", "/api/v1/clusters/member1/admission")).isEqualTo(Role.ADMIN);
    assertThat(rules.required("POST", "/api/v1/clusters/member1/join")).isEqualTo(Role.ADMIN);
  }

  @Test
  void withoutAdminPathsEveryWriteNeedsOperator() {
    assertThat(AccessRules.withAdminWrites().required("POST", "/api/v1/clusters/a/accept"))
        .isEqualTo(Role.OPERATOR);
  }

  @Test
  void eachRoleIncludesTheOnesBeforeIt() {
    assertThat(Role.ADMIN.includes(Role.OPERATOR)).isTrue();
    assertThat(Role.OPERATOR.includes(Role.VIEWER)).isTrue();
    assertThat(Role.VIEWER.includes(Role.OPERATOR)).isFalse();
    assertThat(Role.OPERATOR.includes(Role.ADMIN)).isFalse();
  }
}
