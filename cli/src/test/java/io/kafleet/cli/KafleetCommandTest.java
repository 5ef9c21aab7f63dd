package io.kafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class KafleetCommandTest {

  /** What one run of the command line did. */
  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void helpListsTheSubcommandsAndSucceeds() {
    CliRun run = run("--help");

    assertThat(run.exitCode()).as("exit code of --help, seen %s", run).isZero();
    assertThat(run.out())
        .as("usage of --help on stdout, seen:%n%s", run.out())
        .contains("Usage: kafleet")
        .contains("Commands:")
        .containsPattern("(?m)^\\s+version\\s+Print the version");
    assertThat(run.err()).as("stderr of --help, seen:%n%s", run.err()).isEmpty();
  }

  @Test
  void anUnknownOptionFailsWithTheErrorOnStderr() {
    CliRun run = run("--bogus");

    assertThat(run.exitCode())
        .as(
            "exit code of an unknown option, expected %d (usage error), seen %s",
            CommandLine.ExitCode.USAGE, run)
        .isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(run.err())
        .as("stderr of an unknown option, seen:%n%s", run.err())
        .contains("Unknown option: '--bogus'")
        .contains("Usage: kafleet");
    assertThat(run.out()).as("stdout of an unknown option, seen:%n%s", run.out()).isEmpty();
  }

  @Test
  void noSubcommandIsAUsageError() {
    CliRun run = run();

    assertThat(run.exitCode())
        .as("exit code without a subcommand, seen %s", run)
        .isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(run.err())
        .as("stderr without a subcommand, seen:%n%s", run.err())
        .contains("Missing required subcommand");
  }

  @Test
  void versionSubcommandPrintsTheVersion() {
    CliRun run = run("version");

    // Tests run from target/classes, which has no manifest: the version is "dev".
    assertThat(run.exitCode()).as("exit code of version, seen %s", run).isZero();
    assertThat(run.out())
        .as("stdout of version, seen:%n%s", run.out())
        .isEqualTo("kafleet dev" + System.lineSeparator());
  }

  @Test
  void versionOptionPrintsTheSameVersion() {
    CliRun option = run("--version");
    CliRun subcommand = run("version");

    assertThat(option.exitCode()).as("exit code of --version, seen %s", option).isZero();
    assertThat(option.out())
        .as("--version, expected the same as version: %s, seen %s", subcommand.out(), option.out())
        .isEqualTo(subcommand.out());
  }

  @Test
  void aRunBuildsTheModelOfTheSubcommandItNamesOnly() {
    assertThat(KafleetCommand.commandLine(new String[] {"get", "clusters"}).getSubcommands())
        .as("subcommands registered for `get clusters`")
        .containsOnlyKeys("get");
    assertThat(KafleetCommand.commandLine(new String[] {"--help"}).getSubcommands())
        .as("subcommands registered for --help")
        .containsKeys("apply", "get", "cluster", "traffic", "rollout", "events", "version");
  }

  @Test
  void aMisspeltSubcommandIsAUsageErrorSuggestingTheRightOne() {
    CliRun run = run("gett", "clusters");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(run.err())
        .as("stderr, seen:%n%s", run.err())
        .contains("Unmatched arguments from index 0: 'gett', 'clusters'")
        .contains("Did you mean: kafleet get");
  }

  @Test
  void aSubcommandsHelpIsItsOwn() {
    CliRun run = run("get", "--help");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    assertThat(run.out()).startsWith("Usage: kafleet get ");
  }
}
