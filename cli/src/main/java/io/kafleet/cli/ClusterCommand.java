package io.kafleet.cli;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kafleet cluster accept NAME}: the operator's decisions on member clusters; {@code kafleet
 * cluster join NAME}: the manifest that installs a new member's agent.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = "Join and decide on member clusters.",
    subcommands = {ClusterCommand.Accept.class, ClusterCommand.Join.class})
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

  @Command(
      name = "join",
      mixinStandardHelpOptions = true,
      description = {
        "Print the manifest that installs the agent of a member cluster:",
        "  kafleet cluster join NAME ... | kubectl apply -f -",
        "(namespace kafleet-system, its service account and RBAC, a Secret with",
        "its Kafka settings, and the agent's Deployment; see deploy/README.md)."
      })
  static final class Join implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The cluster's name, a DNS label.")
    private String name;

    @Option(
        names = "--labels",
        paramLabel = "KEY=VALUE,...",
        description = "The cluster's labels, which placement policies select on.")
    private String labels;

    @Option(
        names = "--bootstrap-servers",
        paramLabel = "HOST:PORT,...",
        defaultValue = "${env:KAFLEET_BOOTSTRAP_SERVERS}",
        description =
            "Kafka as the agent reaches it from inside the cluster (env KAFLEET_BOOTSTRAP_SERVERS).")
    private String bootstrapServers;

    @Option(
        names = "--schema-registry",
        paramLabel = "URL",
        defaultValue = "${env:KAFLEET_SCHEMA_REGISTRY_URL}",
        description =
            "The schema registry as the agent reaches it (env KAFLEET_SCHEMA_REGISTRY_URL).")
    private String schemaRegistry;

    @Option(
        names = "--image",
        paramLabel = "IMAGE",
        description = "The agent's image (default: the manifest's, kafleet/propagation-agent).")
    private String image;

    @Override
    public Integer call() {
      AgentInstall install =
          new AgentInstall(
              name,
              AgentInstall.parseLabels(labels),
              bootstrapServers,
              schemaRegistry,
              Optional.ofNullable(image),
              Map.of());
      spec.commandLine().getOut().print(AgentManifest.render(install));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
