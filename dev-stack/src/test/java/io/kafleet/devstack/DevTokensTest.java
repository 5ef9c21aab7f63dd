package io.kafleet.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.security.StaticTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTokensTest {

  @Test
  void madeOnceOwnerOnlyAndReadBackAtTheNextStart(@TempDir Path state) throws Exception {
    DevTokens made = DevTokens.loadOrCreate(state);

    assertThat(made.admin()).isNotEqualTo(made.operator()).isNotEqualTo(made.viewer());
    assertThat(made.admin()).matches("[A-Za-z0-9_-]{43}");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("tokens"))))
        .isEqualTo("rw-------");
    assertThat(DevTokens.loadOrCreate(state)).isEqualTo(made);
  }

  @Test
  void theServicesGetHashesAndTheCliAContextPerRole(@TempDir Path state) throws Exception {
    DevTokens tokens = DevTokens.loadOrCreate(state);

    assertThat(String.join(" ", tokens.serviceArguments()))
        .contains(
            "--kafleet.security.static-tokens[1].role=operator",
            "--kafleet.security.static-tokens[1].token-sha256="
                + StaticTokens.sha256Hex(tokens.operator()))
        .doesNotContain(tokens.admin(), tokens.operator(), tokens.viewer());

    Path config =
        tokens.writeCliConfig(
            state, "https://localhost:1", "https://localhost:2", state.resolve("tls/ca.crt"));
    assertThat(Files.readString(config))
        .contains(
            "current-context: dev-admin",
            "- name: dev-viewer\n    server: https://localhost:1\n    traffic-server:"
                + " https://localhost:2\n    token: "
                + tokens.viewer()
                + "\n    certificate-authority: "
                + state.resolve("tls/ca.crt").toAbsolutePath());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
        .isEqualTo("rw-------");
  }
}
