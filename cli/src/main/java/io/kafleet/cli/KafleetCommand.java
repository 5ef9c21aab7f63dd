package io.kafleet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code kafleet} command line: one subcommand per verb, as kubectl has. */
@Command(
    name = "kafleet",
    mixinStandardHelpOptions = true,
    versionProvider = KafleetVersion.class,
    description = {
      "Distributes Kubernetes applications to member clusters over Kafka",
      "and shifts Istio traffic fleet-wide."
    },
    subcommands = {
      ApplyCommand.class,
      GetCommand.class,
      ExplainCommand.class,
      DeleteCommand.class,
      ClusterCommand.class,
      AccessCommand.class,
      TrafficCommand.class,
      RolloutCommand.class,
      EventsCommand.class,
      VersionCommand.class
    })
public final class KafleetCommand implements Runnable {

  @Spec private CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** A fresh command line, for {@link #main} and for tests that redirect its output. */
  public static CommandLine commandLine() {
    return new CommandLine(new KafleetCommand())
        .setExecutionExceptionHandler(
            (e, commandLine, parsed) -> {
              if (e instanceof CliException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 1;
              }
              throw e;
            });
  }

  // Reached only without a subcommand: make it a usage error (exit code 2, usage on stderr),
  // not a silent success that a script would take for a completed command.
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
