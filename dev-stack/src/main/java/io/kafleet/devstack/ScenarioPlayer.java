package io.kafleet.devstack;

import io.kafleet.cli.KafleetCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Applies a scenario to the running stack through the kafleet CLI, as a user would, once every
 * member cluster is ready (before that, placement would find no cluster to place in).
 */
final class ScenarioPlayer {

  private static final Duration READY_WITHIN = Duration.ofSeconds(60);

  private final String placementUrl;
  private final String token;
  private final Path certificateAuthority;
  private final List<String> clusters;
  private final Path workDirectory;

  /**
   * @param token the bearer token the CLI sends: an operator's, since a scenario only applies
   * @param certificateAuthority the CA the CLI trusts placement-service's certificate by
   * @param workDirectory where files with replaced placeholders are written before they are applied
   */
  ScenarioPlayer(
      String placementUrl,
      String token,
      Path certificateAuthority,
      List<String> clusters,
      Path workDirectory) {
    this.placementUrl = placementUrl;
    this.token = token;
    this.certificateAuthority = certificateAuthority;
    this.clusters = List.copyOf(clusters);
    this.workDirectory = workDirectory;
  }

  /**
   * Applies the scenario's files in order and says what was applied and what to try next.
   *
   * @throws IllegalStateException when a member is not ready in time or an apply fails, with what
   *     the CLI printed
   */
  String play(Scenario scenario) throws InterruptedException {
    awaitMembersReady();
    List<String> report = new ArrayList<>();
    report.add("Scenario " + scenario.name() + " applied:");
    for (Scenario.ScenarioFile file : scenario.files()) {
      Path applied = prepare(scenario, file);
      report.add("  ./kafleet apply -f " + applied + replacedNote(file));
      kafleet("apply", "-f", applied.toString()).lines().forEach(line -> report.add("    " + line));
    }
    report.add("Try next:");
    scenario.nextSteps().forEach(step -> report.add("  " + step));
    return String.join(System.lineSeparator(), report);
  }

  private void awaitMembersReady() throws InterruptedException {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    String seen = "";
    while (System.nanoTime() < deadline) {
      seen = kafleet("get", "clusters");
      String table = seen;
      if (clusters.stream().allMatch(cluster -> ready(table, cluster))) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "member clusters "
            + clusters
            + " not all ready within "
            + READY_WITHIN.toSeconds()
            + " s; kafleet get clusters printed:\n"
            + seen);
  }

  private static boolean ready(String clustersTable, String cluster) {
    return Pattern.compile("(?m)^" + Pattern.quote(cluster) + "\\s+Pull\\s+True\\b")
        .matcher(clustersTable)
        .find();
  }

  /** The file itself, or a copy with its placeholders replaced in the work directory. */
  private Path prepare(Scenario scenario, Scenario.ScenarioFile file) {
    if (file.replacements().isEmpty()) {
      return file.source();
    }
    try {
      Path copy =
          workDirectory
              .resolve("scenarios")
              .resolve(scenario.name())
              .resolve(file.source().getFileName());
      Files.createDirectories(copy.getParent());
      Files.writeString(copy, file.text(Files.readString(file.source(), StandardCharsets.UTF_8)));
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String replacedNote(Scenario.ScenarioFile file) {
    if (file.replacements().isEmpty()) {
      return "";
    }
    List<String> pairs = new ArrayList<>();
    new TreeMap<>(file.replacements()).forEach((from, to) -> pairs.add(from + " -> " + to));
    return "   (" + file.source().getFileName() + " with " + String.join(", ", pairs) + ")";
  }

  private String kafleet(String... args) {
    CommandLine cli = KafleetCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> withServer = new ArrayList<>(List.of(args));
    withServer.add("--server=" + placementUrl);
    withServer.add("--token=" + token);
    withServer.add("--certificate-authority=" + certificateAuthority);
    int exit = cli.execute(withServer.toArray(String[]::new));
    if (exit != 0) {
      throw new IllegalStateException(
          "kafleet " + String.join(" ", args) + " exited " + exit + ": " + err + out);
    }
    return out.toString();
  }
}
