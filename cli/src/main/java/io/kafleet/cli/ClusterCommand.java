package io.kafleet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kafleet cluster accept NAME}: the operator's decisions on member clusters. */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = "Decide on member clusters.",
    subcommands = {ClusterCommand.Accept.class})
final class ClusterCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  @Command(
      name = "accept",
      mixinStandardHelpOptions = true,
      description = "Accept a cluster into the fleet: it receives work from now on.")
  static final class Accept implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private ServerOption server;

    @Parameters(paramLabel = "NAME")
    private String name;

    @Override
    public Integer call() {
      server.api().post("/api/v1/clusters/" + name + "/accept", "application/json", "");
      spec.commandLine().getOut().println("cluster/" + name + " accepted");
      return 0;
    }
  }
}
