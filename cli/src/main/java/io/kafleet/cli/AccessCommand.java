package io.kafleet.cli;

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
 * {@code kafleet access reader NAME}: a Kafka user for tools that follow the fleet events (kcat,
 * kafkajs, confluent-kafka, Kafka Connect), printed as a client properties file; {@code kafleet
 * access revoke NAME} takes it away.
 */
@Command(
    name = "access",
    mixinStandardHelpOptions = true,
    description = "Kafka access for tools that read the fleet events.",
    subcommands = {AccessCommand.Reader.class, AccessCommand.Revoke.class})
final class AccessCommand implements Runnable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  @Command(
      name = "reader",
      mixinStandardHelpOptions = true,
      description = {
        "Create a reader of the fleet events and print its Kafka client properties:",
        "  kafleet access reader grafana > grafana.properties",
        "placement-service creates the SCRAM-SHA-512 user kafleet-reader-NAME, which",
        "may read kafleet.placement.events and kafleet.traffic.events in consumer",
        "groups whose names start with its prefix (default NAME-), and nothing else.",
        "The password is shown only this once (admin role)."
      })
  static final class Reader implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private ServerOption server;

    @Parameters(paramLabel = "NAME", description = "The reader's name, a DNS label.")
    private String name;

    @Option(
        names = "--group-prefix",
        paramLabel = "PREFIX",
        description =
            "What its consumer groups' names start with (default NAME-); ends with '-', '.'"
                + " or '_', and may not cover kafleet's own groups (kafleet...).")
    private String groupPrefix;

    @Option(
        names = "--bootstrap-servers",
        paramLabel = "HOST:PORT,...",
        defaultValue = "${env:KAFLEET_BOOTSTRAP_SERVERS}",
        description =
            "Kafka as the tool reaches it (env KAFLEET_BOOTSTRAP_SERVERS; default:"
                + " placement-service's own).")
    private String bootstrapServers;

    @Option(
        names = "--schema-registry",
        paramLabel = "URL",
        defaultValue = "${env:KAFLEET_SCHEMA_REGISTRY_URL}",
        description =
            "The schema registry as the tool reaches it (env KAFLEET_SCHEMA_REGISTRY_URL;"
                + " default: placement-service's own).")
    private String schemaRegistry;

    @Override
    public Integer call() {
      ObjectNode request = JSON.createObjectNode();
      if (groupPrefix != null) {
        request.put("groupPrefix", groupPrefix);
      }
      JsonNode answer =
          server
              .api()
              .post(
                  "/api/v1/access/readers/" + ServiceApi.encode(name),
                  "application/json",
                  JSON.writeValueAsString(request));
      ReaderProperties properties =
          ReaderProperties.from(
              answer, Optional.ofNullable(bootstrapServers), Optional.ofNullable(schemaRegistry));
      spec.commandLine().getOut().print(properties.render());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = {
        "Delete a reader's Kafka user and ACLs (admin role). Its next login fails; a",
        "connection open now loses its rights at its next request."
      })
  static final class Revoke implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private ServerOption server;

    @Parameters(paramLabel = "NAME")
    private String name;

    @Override
    public Integer call() {
      JsonNode answer = server.api().delete("/api/v1/access/readers/" + ServiceApi.encode(name));
      spec.commandLine()
          .getOut()
          .println(
              "reader/"
                  + name
                  + " revoked: Kafka user "
                  + answer.path("user").asString("kafleet-reader-" + name)
                  + " and its ACLs deleted");
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
