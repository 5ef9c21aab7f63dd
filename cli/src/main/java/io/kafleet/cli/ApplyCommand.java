package io.kafleet.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code kafleet apply -f PATH}: templates and policies into the fleet, as kubectl applies. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = "Create or update templates and policies from files, directories or stdin.")
final class ApplyCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private ServerOption server;

  @Option(
      names = {"-f", "--filename"},
      required = true,
      description = "A manifest file, a directory of them, or - for stdin.")
  private List<String> files;

  @Override
  public Integer call() {
    ServiceApi api = server.api();
    for (Inputs.Input input : Inputs.read(files, System.in)) {
      JsonNode results =
          api.post(
              "/api/v1/apply?source=" + ServiceApi.encode(input.name()),
              "application/yaml",
              input.text());
      for (JsonNode result : results) {
        String line =
            FleetObjects.shortName(result.path("objectKey").asString())
                + " "
                + result.path("result").asString();
        if (result.hasNonNull("note")) {
          line += " (" + result.path("note").asString() + ")";
        }
        spec.commandLine().getOut().println(line);
      }
    }
    return 0;
  }
}
