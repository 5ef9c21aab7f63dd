package io.kafleet.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.security.ApiSecuritySettings.StaticToken;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StaticTokensTest {

  @Test
  void findsTheCallerOfAPlainOrAHashedToken() {
    StaticTokens tokens =
        StaticTokens.of(
            List.of(
                new StaticToken("ci-viewer", "viewer", "viewer-secret", null),
                new StaticToken(
                    "ops", "Operator", null, StaticTokens.sha256Hex("operator-secret"))));

    assertThat(tokens.find("viewer-secret"))
        .contains(new ApiCaller("ci-viewer", Optional.of(Role.VIEWER)));
    assertThat(tokens.find("operator-secret"))
        .contains(new ApiCaller("ops", Optional.of(Role.OPERATOR)));
    assertThat(tokens.find("operator-secreT")).isEmpty();
  }

  @Test
  void hashesAreSha256Hex() {
    // echo -n abc | sha256sum
    assertThat(StaticTokens.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void refusesABadEntryByItsIndexAndField() {
    assertThatThrownBy(
            () ->
                StaticTokens.of(
                    List.of(
                        new StaticToken("a", "viewer", "t1", null),
                        new StaticToken("b", "root", "t2", null))))
        .hasMessage(
            "kafleet.security.static-tokens[1].role: 'root' is not one of viewer, operator, admin");
    assertThatThrownBy(() -> StaticTokens.of(List.of(new StaticToken("a", "viewer", "t1", "ab"))))
        .hasMessage(
            "kafleet.security.static-tokens[0]: give exactly one of token-sha256 and token");
    assertThatThrownBy(() -> StaticTokens.of(List.of(new StaticToken("a", "viewer", null, "abc"))))
        .hasMessageStartingWith("kafleet.security.static-tokens[0].token-sha256: is not 64 hex");
    assertThatThrownBy(
            () ->
                StaticTokens.of(
                    List.of(
                        new StaticToken("a", "viewer", "t1", null),
                        new StaticToken("a", "admin", "t2", null))))
        .hasMessage("kafleet.security.static-tokens[1].name: 'a' is the name of an earlier token");
    assertThatThrownBy(
            () ->
                StaticTokens.of(
                    List.of(
                        new StaticToken("a", "viewer", "t1", null),
                        new StaticToken("b", "admin", "t1", null))))
        .hasMessage("kafleet.security.static-tokens[1]: the same token as an earlier entry");
  }
}
