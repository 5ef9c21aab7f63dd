package io.kafleet.cli;

import java.util.LinkedHashMap;
import java.util.Map;
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
    })
public final class KafleetCommand implements Runnable {

  /**
   * The subcommands, in the order help lists them. Registered here rather than in the annotation so
   * that a run builds picocli's model of the one subcommand it names only: the model of every
   * command is built by reflection, a good part of a command's start-up.
   */
  private static final Map<String, Class<?>> SUBCOMMANDS = new LinkedHashMap<>();

  static {
    SUBCOMMANDS.put("apply", ApplyCommand.class);
    SUBCOMMANDS.put("get", GetCommand.class);
    SUBCOMMANDS.put("explain", ExplainCommand.class);
    SUBCOMMANDS.put("delete", DeleteCommand.class);
    SUBCOMMANDS.put("cluster", ClusterCommand.class);
    SUBCOMMANDS.put("access", AccessCommand.class);
    SUBCOMMANDS.put("traffic", TrafficCommand.class);
    SUBCOMMANDS.put("rollout", RolloutCommand.class);
    SUBCOMMANDS.put("events", EventsCommand.class);
    SUBCOMMANDS.put("version", VersionCommand.class);
  }

  @Spec private CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine(args).execute(args));
  }

  /** A fresh command line knowing every subcommand, e.g. for tests that redirect its output. */
  public static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * A fresh command line for these arguments: when the first one names a subcommand, only that
   * subcommand is registered (it is the only one the run can reach); otherwise all are, for help,
   * usage errors and their suggestions.
   */
  public static CommandLine commandLine(String[] args) {
    CommandLine cli =
        new CommandLine(new KafleetCommand())
            .setExecutionExceptionHandler(
                (e, commandLine, parsed) -> {
                  if (e instanceof CliException) {
                    commandLine.getErr().println("error: " + e.getMessage());
                    return 1;
                  }
                  throw e;
                });
    Class<?> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
    if (named != null) {
      cli.addSubcommand(args[0], named);
    } else {
      SUBCOMMANDS.forEach(cli::addSubcommand);
    }
    // A value may begin with '-' (a random token such as "-wiY…", which picocli would otherwise
    // read as the -w flag): an option's parameter is taken as given. Set after the subcommands
    // are added, as picocli passes it only to those it already has.
    return cli.setAllowOptionsAsOptionParameters(true);
  }

  // Reached only without a subcommand: make it a usage error (exit code 2, usage on stderr),
  // not a silent success that a script would take for a completed command.
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
