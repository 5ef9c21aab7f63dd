package io.kafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliConfigTest {

  private static final String CONFIG =
      """
      current-context: dev-admin
      contexts:
        - name: dev-admin
          server: http://localhost:18080
          traffic-server: http://localhost:18082
          token: admin-secret
        - name: dev-viewer
          token: viewer-secret
      """;

  @Test
  void readsTheCurrentContextOrTheOneAskedFor(@TempDir Path home) throws Exception {
    Path file = Files.writeString(home.resolve("config"), CONFIG);
    Map<String, String> env = Map.of("KAFLEET_CONFIG", file.toString());

    assertThat(CliConfig.load(env, null).context())
        .contains(
            new CliConfig.Context(
                "dev-admin",
                Optional.of("http://localhost:18080"),
                Optional.of("http://localhost:18082"),
                Optional.of("admin-secret")));
    assertThat(CliConfig.load(env, "dev-viewer").context().flatMap(CliConfig.Context::token))
        .contains("viewer-secret");
    assertThat(
            CliConfig.load(
                    Map.of("KAFLEET_CONFIG", file.toString(), "KAFLEET_CONTEXT", "dev-viewer"),
                    null)
                .context()
                .map(CliConfig.Context::name))
        .contains("dev-viewer");
  }

  @Test
  void findsTheFileUnderHomeAndNoFileThereIsNoContext(@TempDir Path home) throws Exception {
    assertThat(CliConfig.load(Map.of("HOME", home.toString()), null).context()).isEmpty();

    Files.createDirectories(home.resolve(".kafleet"));
    Files.writeString(home.resolve(".kafleet").resolve("config"), CONFIG);
    assertThat(CliConfig.load(Map.of("HOME", home.toString()), null).context()).isPresent();
  }

  @Test
  void aWrongFileIsAnErrorNamingItAndWhatIsWrong(@TempDir Path home) throws Exception {
    Path file = Files.writeString(home.resolve("config"), CONFIG);
    Map<String, String> env = Map.of("KAFLEET_CONFIG", file.toString());

    assertThatThrownBy(() -> CliConfig.load(env, "prod"))
        .isInstanceOf(CliException.class)
        .hasMessage(file + ": context 'prod' is not among its contexts [dev-admin, dev-viewer]");
    Files.writeString(file, "contexts:\n  - name: a\n    tokn: x\n");
    assertThatThrownBy(() -> CliConfig.load(env, "a"))
        .hasMessageStartingWith(file + ": contexts[0].tokn: unknown field");
    Files.writeString(file, "contexts: {a: 1}\n");
    assertThatThrownBy(() -> CliConfig.load(env, null))
        .hasMessage(file + ": contexts: must be a list");
    assertThatThrownBy(
            () -> CliConfig.load(Map.of("KAFLEET_CONFIG", home.resolve("nope").toString()), null))
        .hasMessage("KAFLEET_CONFIG names " + home.resolve("nope") + ", which does not exist");
  }

  @Test
  void anOptionBeatsTheEnvironmentWhichBeatsTheContext(@TempDir Path home) throws Exception {
    Path file = Files.writeString(home.resolve("config"), CONFIG);
    AuthOptions auth = new AuthOptions();
    Map<String, String> fromFile = Map.of("KAFLEET_CONFIG", file.toString());

    assertThat(describe(auth, fromFile, null, false))
        .isEqualTo("placement-service at http://localhost:18080/ with a token");
    assertThat(describe(auth, fromFile, null, true))
        .isEqualTo("traffic-service at http://localhost:18082/ with a token");
    assertThat(
            describe(
                auth,
                Map.of("KAFLEET_CONFIG", file.toString(), "KAFLEET_SERVER", "http://env:1"),
                null,
                false))
        .isEqualTo("placement-service at http://env:1/ with a token");
    assertThat(describe(auth, fromFile, "http://flag:2", false))
        .isEqualTo("placement-service at http://flag:2/ with a token");
    assertThat(describe(auth, Map.of("HOME", home.toString()), null, false))
        .isEqualTo("placement-service at http://localhost:8080/ without a token");
  }

  @Test
  void theCertificateAuthorityComesFromTheOptionElseTheEnvironmentElseTheContext(@TempDir Path home)
      throws Exception {
    Path file =
        Files.writeString(
            home.resolve("config"),
            "current-context: dev\ncontexts:\n  - name: dev\n    server: https://localhost:1\n"
                + "    certificate-authority: /state/tls/ca.crt\n");
    Map<String, String> fromFile = Map.of("KAFLEET_CONFIG", file.toString());

    assertThat(CliConfig.load(fromFile, null).context().flatMap(c -> c.certificateAuthority()))
        .contains("/state/tls/ca.crt");
    assertThat(describe(new AuthOptions(), fromFile, null, false))
        .isEqualTo(
            "placement-service at https://localhost:1/ without a token, trusting "
                + Path.of("/state/tls/ca.crt"));
    assertThat(
            describe(
                new AuthOptions(),
                Map.of("KAFLEET_CONFIG", file.toString(), "KAFLEET_CA", "/env/ca.crt"),
                null,
                false))
        .endsWith("trusting " + Path.of("/env/ca.crt"));
    AuthOptions flag = new AuthOptions();
    flag.certificateAuthority = "/flag/ca.crt";
    assertThat(
            describe(
                flag,
                Map.of("KAFLEET_CONFIG", file.toString(), "KAFLEET_CA", "/env/ca.crt"),
                null,
                false))
        .endsWith("trusting " + Path.of("/flag/ca.crt"));
  }

  @Test
  void aCertificateAuthorityFileThatIsNotThereOrNotPemIsAnErrorNamingIt(@TempDir Path dir)
      throws Exception {
    assertThatThrownBy(() -> CertificateAuthority.socketFactory(dir.resolve("missing.crt")))
        .isInstanceOf(CliException.class)
        .hasMessage("certificate authority file " + dir.resolve("missing.crt") + " does not exist");
    Path notPem = Files.writeString(dir.resolve("ca.crt"), "not a certificate");
    assertThatThrownBy(() -> CertificateAuthority.socketFactory(notPem))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("certificate authority file " + notPem);
  }

  private static String describe(
      AuthOptions auth, Map<String, String> env, String serverOption, boolean traffic) {
    return traffic
        ? auth.resolve(
                env,
                "traffic-service",
                serverOption,
                "KAFLEET_TRAFFIC_SERVER",
                "http://localhost:8082",
                true)
            .describe()
        : auth.resolve(
                env,
                "placement-service",
                serverOption,
                "KAFLEET_SERVER",
                "http://localhost:8080",
                false)
            .describe();
  }
}
