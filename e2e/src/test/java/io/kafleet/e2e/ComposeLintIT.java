package io.kafleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The linters the build runs on docker-compose.yml and the images' Dockerfiles
 * (scripts/lint-compose.sh: dclint, dockerfilelint) pass the repository's files and fail each
 * broken one with what is at fault: a check that can fail.
 */
class ComposeLintIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** What one run of the script did. */
  private record Lint(int exitCode, String output) {}

  @Test
  void theRepositorysComposeFileAndDockerfilesPass() throws Exception {
    Lint lint =
        lint(
            ROOT.resolve("docker-compose.yml"),
            ROOT.resolve("placement-service/Dockerfile"),
            ROOT.resolve("traffic-service/Dockerfile"),
            ROOT.resolve("propagation-agent/Dockerfile"));

    assertThat(lint.exitCode()).as("exit code, linter said:%n%s", lint.output()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ports-not-a-list.yml, /services/api/ports",
    "healthcheck-typo.yml, /services/api/healthcheck",
    "unknown-condition.yml, /services/api/depends_on",
  })
  void anInvalidComposeFileFailsWithTheFieldAtFault(String fixture, String field) throws Exception {
    Lint lint = lint(fixture(fixture));

    assertThat(lint.exitCode()).as("exit code, linter said:%n%s", lint.output()).isNotZero();
    assertThat(lint.output())
        .as("the linter's report")
        .contains("invalid-schema")
        .contains("instancePath=\"" + field + "\"");
  }

  @Test
  void aBrokenDockerfileFails() throws Exception {
    Lint lint = lint(fixture("broken.Dockerfile"));

    assertThat(lint.exitCode()).as("exit code, linter said:%n%s", lint.output()).isNotZero();
    assertThat(lint.output())
        .as("the linter's report")
        .contains("Invalid Command")
        .contains("Invalid Port Exposed");
  }

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(ComposeLintIT.class.getResource("/compose/" + name).toURI());
  }

  private static Lint lint(Path... files) throws IOException, InterruptedException {
    Path log = Files.createTempFile("lint-compose", ".log");
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(ROOT.resolve("scripts/lint-compose.sh").toString());
    for (Path file : files) {
      command.add(file.toString());
    }
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("lint-compose.sh did not finish: " + Files.readString(log));
      }
      return new Lint(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.delete(log);
    }
  }
}
