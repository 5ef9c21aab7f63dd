package io.kafleet.cli;

import java.io.PrintWriter;
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

/** {@code kafleet explain KIND NAME}: why the object is, or is not, in each cluster. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = "Say which policy placed an object and why each cluster has it or not.")
final class ExplainCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private ServerOption server;

  @Parameters(index = "0", paramLabel = "KIND")
  private String kind;

  @Parameters(index = "1", paramLabel = "NAME")
  private String name;

  @Option(
      names = {"-n", "--namespace"},
      defaultValue = "default",
      description = "Namespace (default ${DEFAULT-VALUE}).")
  private String namespace;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "json or yaml.")
  private String output;

  @Override
  public Integer call() {
    ServiceApi api = server.api();
    String key = FleetObjects.keyOf(api, kind, name, namespace);
    JsonNode explanation = api.get("/api/v1/explain/" + key);
    PrintWriter out = spec.commandLine().getOut();
    if (Output.structured(out, output, explanation)) {
      return 0;
    }
    out.println("Object:  " + key);
    out.println("Policy:  " + explanation.path("policy").asString("<none>"));
    out.println("Rule:    " + explanation.path("rule").asString());
    for (JsonNode loser : explanation.path("passedOver")) {
      out.println("Passed over: " + loser.asString());
    }
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode cluster : explanation.path("clusters")) {
      rows.add(
          List.of(
              cluster.path("cluster").asString(),
              cluster.path("selected").asBoolean() ? "yes" : "no",
              cluster.path("reason").asString()));
    }
    out.println();
    Output.table(out, List.of("CLUSTER", "SELECTED", "REASON"), rows);
    for (JsonNode eviction : explanation.path("evictions")) {
      out.println();
      out.println(
          "Evicted from "
              + eviction.path("cluster").asString()
              + " at "
              + eviction.path("since").asString()
              + ": "
              + eviction.path("reason").asString());
      out.println("  its works there: " + eviction.path("works").asString());
    }
    return 0;
  }
}
