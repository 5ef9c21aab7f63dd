package io.kafleet.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** {@code kafleet delete -f PATH} or {@code kafleet delete KIND NAME}. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Delete templates or policies from the fleet, by file or by kind and name.")
final class DeleteCommand implements Callable<Integer> {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  @Spec private CommandSpec spec;
  @Mixin private ServerOption server;

  @Option(
      names = {"-f", "--filename"},
      description = "Delete what these manifests describe.")
  private List<String> files = List.of();

  @Option(
      names = {"-n", "--namespace"},
      defaultValue = "default",
      description = "Namespace (default ${DEFAULT-VALUE}).")
  private String namespace;

  @Parameters(arity = "0..2", paramLabel = "KIND NAME")
  private List<String> kindAndName = List.of();

  @Override
  public Integer call() {
    ServiceApi api = server.api();
    List<String> keys = new ArrayList<>();
    if (!files.isEmpty()) {
      for (Inputs.Input input : Inputs.read(files, System.in)) {
        List<JsonNode> documents;
        try (MappingIterator<JsonNode> parsed =
            YAML.readerFor(JsonNode.class).readValues(input.text())) {
          documents = parsed.readAll();
        } catch (RuntimeException e) {
          throw new CliException(input.name() + " is not valid YAML: " + e.getMessage());
        }
        for (JsonNode document : documents) {
          if (document == null || document.isNull()) {
            continue;
          }
          String ns = document.path("metadata").path("namespace").asString(namespace);
          keys.add(
              FleetObjects.keyOf(
                  api,
                  document.path("kind").asString(),
                  document.path("metadata").path("name").asString(),
                  ns));
        }
      }
    } else if (kindAndName.size() == 2) {
      keys.add(FleetObjects.keyOf(api, kindAndName.get(0), kindAndName.get(1), namespace));
    } else {
      throw new CliException("name what to delete: -f PATH, or KIND NAME");
    }
    for (String key : keys) {
      api.delete("/api/v1/objects/" + key);
      spec.commandLine().getOut().println(FleetObjects.shortName(key) + " deleted");
    }
    return 0;
  }
}
