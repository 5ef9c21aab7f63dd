package io.kafleet.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JwtRolesTest {

  @Test
  void takesTheHighestRoleAmongTheClaimsValuesMappedOrByName() {
    JwtRoles roles =
        new JwtRoles(
            new ApiSecuritySettings.Jwt(
                "groups", "sub", Map.of("kafleet-admins", "admin", "devs", "operator")));

    assertThat(roles.caller(Map.of("sub", "alice", "groups", List.of("devs", "viewer"))))
        .isEqualTo(new ApiCaller("alice", Optional.of(Role.OPERATOR)));
    assertThat(roles.caller(Map.of("sub", "bob", "groups", List.of("devs", "kafleet-admins"))))
        .isEqualTo(new ApiCaller("bob", Optional.of(Role.ADMIN)));
    assertThat(roles.caller(Map.of("sub", "carol", "groups", "viewer other")))
        .isEqualTo(new ApiCaller("carol", Optional.of(Role.VIEWER)));
    assertThat(roles.caller(Map.of("sub", "dave", "groups", List.of("sales"))))
        .isEqualTo(new ApiCaller("dave", Optional.empty()));
    assertThat(roles.caller(Map.of("groups", List.of("viewer"))).name()).isEqualTo("(no sub)");
  }

  @Test
  void readsANestedClaim() {
    JwtRoles roles =
        new JwtRoles(
            new ApiSecuritySettings.Jwt("realm_access.roles", "preferred_username", Map.of()));

    assertThat(
            roles.caller(
                Map.of(
                    "preferred_username",
                    "erin",
                    "realm_access",
                    Map.of("roles", List.of("operator")))))
        .isEqualTo(new ApiCaller("erin", Optional.of(Role.OPERATOR)));
  }

  @Test
  void refusesAMappingToAnUnknownRole() {
    assertThatThrownBy(
            () -> new JwtRoles(new ApiSecuritySettings.Jwt("roles", "sub", Map.of("x", "root"))))
        .hasMessage(
            "kafleet.security.jwt.role-mapping[x]: 'root' is not one of viewer, operator, admin");
  }
}
