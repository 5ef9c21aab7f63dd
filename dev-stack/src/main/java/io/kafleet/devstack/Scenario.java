package io.kafleet.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A seed scenario that {@code ./kafleet up --scenario NAME} applies once the stack is up: the files
 * of {@code examples/<folder>} in order, unchanged but for the placeholders a user fills in, and
 * the commands a user can try next.
 *
 * @param name as given to {@code --scenario}
 * @param files what to apply, in order
 * @param nextSteps commands to try once it is applied, one a line
 */
public record Scenario(String name, List<ScenarioFile> files, List<String> nextSteps) {

  /** The names {@code --scenario} takes. */
  public static final List<String> KNOWN = List.of("bookinfo", "podinfo");

  /**
   * One file of the scenario, and the text to replace in it before it is applied (as a user fills
   * in placeholders).
   */
  public record ScenarioFile(Path source, Map<String, String> replacements) {

    public ScenarioFile {
      replacements = Map.copyOf(replacements);
    }

    /** The file's text with its placeholders replaced. */
    public String text(String original) {
      String text = original;
      for (Map.Entry<String, String> replacement : replacements.entrySet()) {
        text = text.replace(replacement.getKey(), replacement.getValue());
      }
      return text;
    }
  }

  public Scenario {
    files = List.copyOf(files);
    nextSteps = List.copyOf(nextSteps);
  }

  /**
   * The scenario so named, from the scenarios folder, for a stack with these member clusters.
   *
   * @throws IllegalArgumentException naming what is wrong: an unknown name (with the known ones),
   *     too few clusters, or a scenario file that is missing
   */
  public static Scenario named(String name, Path scenarios, List<String> clusters) {
    Scenario scenario =
        switch (name) {
          case "bookinfo" -> bookinfo(scenarios, clusters);
          case "podinfo" -> podinfo(scenarios, clusters);
          default ->
              throw new IllegalArgumentException(
                  "unknown scenario '" + name + "'; known: " + String.join(", ", KNOWN));
        };
    for (ScenarioFile file : scenario.files()) {
      if (!Files.exists(file.source())) {
        throw new IllegalArgumentException(
            "scenario " + name + ": " + file.source() + " does not exist");
      }
    }
    return scenario;
  }

  private static Scenario bookinfo(Path scenarios, List<String> clusters) {
    String member = clusters.isEmpty() ? "member1" : clusters.get(clusters.size() - 1);
    return new Scenario(
        "bookinfo",
        List.of(new ScenarioFile(scenarios.resolve("bookinfo"), Map.of())),
        List.of(
            "./kafleet get deployments",
            "./kafleet get deployments -m " + member,
            "./kafleet explain deployment ratings-v1"));
  }

  private static Scenario podinfo(Path scenarios, List<String> clusters) {
    if (clusters.size() < 2) {
      throw new IllegalArgumentException(
          "scenario podinfo places its Application in two member clusters, and this stack has "
              + clusters.size()
              + " ("
              + String.join(",", clusters)
              + "); start it with --clusters member1,member2");
    }
    Path folder = scenarios.resolve("podinfo-blue-green");
    Map<String, String> clusterIds =
        Map.of("<clusterid1>", clusters.get(0), "<clusterid2>", clusters.get(1));
    return new Scenario(
        "podinfo",
        List.of(
            new ScenarioFile(folder.resolve("base.yaml"), Map.of()),
            new ScenarioFile(folder.resolve("application.yaml"), clusterIds),
            new ScenarioFile(folder.resolve("gateway.yaml"), Map.of()),
            new ScenarioFile(folder.resolve("destinationrule.yaml"), Map.of()),
            new ScenarioFile(folder.resolve("virtualservice-blue.yaml"), Map.of())),
        List.of(
            "./kafleet get deployments -m " + clusters.get(0),
            "./kafleet get virtualservices",
            "./kafleet traffic set podinfo --weights green=80,blue=20 --wait",
            "./kafleet traffic history podinfo"));
  }
}
