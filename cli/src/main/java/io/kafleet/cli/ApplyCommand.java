package io.kafleet.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  private static final Duration POLL = Duration.ofMillis(500);

  @Spec private CommandSpec spec;
  @Mixin private ServerOption server;

  @Option(
      names = {"-f", "--filename"},
      required = true,
      description = "A manifest file, a directory of them, or - for stdin.")
  private List<String> files;

  @Option(
      names = "--wait",
      description =
          "Return once every target cluster's agent reported the current work applied (or"
              + " failed), with a summary per cluster; exit 1 if one failed or the time ran out.")
  private boolean await;

  @Option(names = "--timeout", defaultValue = "2m", description = "How long --wait waits.")
  private String timeout;

  @Override
  public Integer call() throws InterruptedException {
    Duration limit = Durations.parse("--timeout", timeout);
    ServiceApi api = server.api();
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Long> applied = new LinkedHashMap<>();
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
        out.println(line);
        applied.put(result.path("objectKey").asString(), result.path("generation").asLong());
      }
    }
    return await ? awaitReports(api, out, applied, limit) : 0;
  }

  private static int awaitReports(
      ServiceApi api, PrintWriter out, Map<String, Long> applied, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    Map<String, String> shown = new HashMap<>();
    List<ApplyProgress> templates;
    while (true) {
      templates = new ArrayList<>();
      for (var object : applied.entrySet()) {
        ApplyProgress progress =
            ApplyProgress.of(api.get("/api/v1/objects/" + object.getKey()), object.getValue());
        if (progress != null) {
          templates.add(progress);
          showChanges(out, progress, shown);
        }
      }
      out.flush();
      if (templates.stream().allMatch(ApplyProgress::done) || System.nanoTime() - deadline > 0) {
        break;
      }
      Thread.sleep(POLL.toMillis());
    }
    if (templates.isEmpty()) {
      return 0; // policies only: they have no clusters of their own to report
    }
    out.println();
    int width =
        templates.stream()
            .mapToInt(t -> FleetObjects.shortName(t.objectKey()).length())
            .max()
            .orElse(0);
    templates.forEach(t -> out.println(t.summaryLine(width)));
    List<String> failed = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    for (ApplyProgress template : templates) {
      String name = FleetObjects.shortName(template.objectKey());
      template
          .in(ApplyProgress.State.FAILED)
          .forEach(c -> failed.add(name + " in " + c.describe()));
      template
          .in(ApplyProgress.State.PENDING)
          .forEach(c -> pending.add(name + " in " + c.cluster() + " (" + c.message() + ")"));
    }
    if (!pending.isEmpty()) {
      throw new CliException(
          "timed out after "
              + Durations.format(limit)
              + " waiting for "
              + String.join(", ", pending)
              + (failed.isEmpty() ? "" : "; failed: " + String.join(", ", failed)));
    }
    if (!failed.isEmpty()) {
      throw new CliException("not applied: " + String.join(", ", failed));
    }
    return 0;
  }

  /** One line per cluster whose outcome is new since the last look. */
  private static void showChanges(
      PrintWriter out, ApplyProgress progress, Map<String, String> shown) {
    String name = FleetObjects.shortName(progress.objectKey());
    int reported = progress.clusters().size() - progress.in(ApplyProgress.State.PENDING).size();
    for (ApplyProgress.ClusterOutcome cluster : progress.clusters()) {
      String key = progress.objectKey() + " " + cluster.cluster();
      if (cluster.state() != ApplyProgress.State.PENDING
          && !cluster.describe().equals(shown.put(key, cluster.describe()))) {
        out.println(
            name
                + ": "
                + cluster.describe()
                + " ("
                + reported
                + "/"
                + progress.clusters().size()
                + " clusters reported)");
      }
    }
  }
}
