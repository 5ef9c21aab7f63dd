package io.kafleet.cli;

import io.kafleet.sealing.SealingKeys;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kafleet cluster accept NAME}: the operator's decisions on member clusters; {@code kafleet
 * cluster join NAME}: joins a member and prints the manifest that installs its agent; {@code
 * cluster rotate NAME} and {@code cluster leave NAME}.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = "Join and decide on member clusters.",
    subcommands = {
      ClusterCommand.Accept.class,
      ClusterCommand.Join.class,
      ClusterCommand.Rotate.class,
      ClusterCommand.Leave.class
    })
final class ClusterCommand implements Runnable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Longer than placement-service's wait for the agent (kafleet.clusters.leave-timeout, 60 s). */
  private static final Duration LEAVE_TIMEOUT = Duration.ofMinutes(5);

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
        "Join a member cluster and print the manifest that installs its agent:",
        "  kafleet cluster join NAME ... | kubectl apply -f -",
        "placement-service creates the cluster's topics, its agent's Kafka user and",
        "ACLs, and accepts it; this command makes the cluster's sealing key pair and",
        "sends only the public key. The manifest (namespace kafleet-system, service",
        "account and RBAC, Secrets with the settings, the Kafka login and the private",
        "key, the agent's Deployment; see deploy/README.md) is shown once: keep it",
        "only in the cluster."
      })
  static final class Join implements Callable<Integer> {

    private static final String MANIFEST = "manifest";
    private static final String HELM_VALUES = "helm-values";

    @Spec private CommandSpec spec;
    @Mixin private ServerOption server;

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

    @Option(
        names = "--output",
        paramLabel = "FORMAT",
        defaultValue = "manifest",
        description =
            "What to print: manifest (for kubectl apply -f -) or helm-values (for"
                + " helm install -f, chart deploy/helm/kafleet-agent).")
    private String output;

    @Override
    public Integer call() {
      // Everything is checked here before placement-service creates anything.
      boolean helmValues = output.equals(HELM_VALUES);
      if (!helmValues && !output.equals(MANIFEST)) {
        throw new CliException(
            "--output: '" + output + "' is not " + MANIFEST + " or " + HELM_VALUES);
      }
      AgentInstall checked =
          new AgentInstall(
              name,
              AgentInstall.parseLabels(labels),
              bootstrapServers,
              schemaRegistry,
              Optional.ofNullable(image),
              Map.of());
      KeyPair sealing = SealingKeys.generate();
      ObjectNode request = JSON.createObjectNode();
      ObjectNode requestLabels = request.putObject("labels");
      checked.labels().forEach(requestLabels::put);
      request.put("sealingPublicKey", SealingKeys.encode(sealing.getPublic()));
      JsonNode answer =
          server
              .api()
              .post(
                  "/api/v1/clusters/" + ServiceApi.encode(name) + "/join",
                  "application/json",
                  JSON.writeValueAsString(request));
      Map<String, String> secrets = new LinkedHashMap<>(AgentLogin.from(answer).settings());
      secrets.put("KAFLEET_SEALING_PRIVATE_KEY", SealingKeys.encode(sealing.getPrivate()));
      AgentInstall install =
          new AgentInstall(
              checked.cluster(),
              checked.labels(),
              checked.bootstrapServers(),
              checked.schemaRegistryUrl(),
              checked.image(),
              secrets);
      spec.commandLine()
          .getOut()
          .print(helmValues ? AgentHelmValues.render(install) : AgentManifest.render(install));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description = {
        "Give a cluster's agent a new Kafka password and print its login Secret:",
        "  kafleet cluster rotate NAME | kubectl apply -f -",
        "The old password fails from the agent's next login on; the agent picks up",
        "the new one from its mounted Secret without losing works."
      })
  static final class Rotate implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private ServerOption server;

    @Parameters(paramLabel = "NAME")
    private String name;

    @Override
    public Integer call() {
      JsonNode answer =
          server
              .api()
              .post(
                  "/api/v1/clusters/" + ServiceApi.encode(name) + "/rotate",
                  "application/json",
                  "");
      spec.commandLine()
          .getOut()
          .print(AgentManifest.kafkaSecret(AgentLogin.from(answer).settings()));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(
      name = "leave",
      mixinStandardHelpOptions = true,
      description = {
        "Take a cluster out of the fleet: nothing more is placed there, what kafleet",
        "placed is deleted by its agent (or, with --keep-resources, left in place and",
        "no longer managed), then its agent's Kafka user and ACLs are revoked."
      })
  static final class Leave implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private ServerOption server;

    @Parameters(paramLabel = "NAME")
    private String name;

    @Option(
        names = "--keep-resources",
        description = "Leave the objects kafleet placed in the cluster, unmanaged.")
    private boolean keepResources;

    @Override
    public Integer call() {
      JsonNode outcome =
          server
              .api()
              .post(
                  "/api/v1/clusters/"
                      + ServiceApi.encode(name)
                      + "/leave?keepResources="
                      + keepResources,
                  "application/json",
                  "",
                  LEAVE_TIMEOUT);
      var out = spec.commandLine().getOut();
      out.println(
          "cluster/"
              + name
              + " left: "
              + outcome.path("removed").asInt()
              + " objects deleted, "
              + outcome.path("kept").asInt()
              + " kept; its Kafka access is revoked");
      JsonNode pending = outcome.path("notConfirmed");
      if (!pending.isEmpty()) {
        List<String> keys = new ArrayList<>();
        pending.forEach(key -> keys.add(key.asString()));
        out.println(
            "not confirmed by its agent in time ("
                + keys.size()
                + "), check the cluster: "
                + String.join(", ", keys));
      }
      out.flush();
      return 0;
    }
  }
}
