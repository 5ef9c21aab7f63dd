package io.kafleet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a {@code kafleet} command costs the person who types it: the repo's {@code ./kafleet}
 * launcher run as a user runs it, timed from the process's start to its exit, against the bench's
 * placement-service. One untimed run of each command first, so that what the launcher may do once
 * (build its jar when the sources are newer, record a class-data-sharing archive) is not counted;
 * what it said doing so is kept with the figure.
 */
final class CliStartup {

  static final List<List<String>> COMMANDS =
      List.of(List.of("version"), List.of("get", "clusters"));

  private final Path launcher;
  private final Path directory;
  private final Map<String, String> environment;

  private CliStartup(Path launcher, Path directory, Map<String, String> environment) {
    this.launcher = launcher;
    this.directory = directory;
    this.environment = environment;
  }

  /**
   * @param directory where the CLI's state, config and output go (nothing of the user's is read)
   */
  static CliStartup against(String placementUrl, String token, Path directory) throws IOException {
    Files.createDirectories(directory);
    // An empty config, so that no context of the user's (~/.kafleet/config) is read.
    Path config = Files.writeString(directory.resolve("config"), "contexts: []\n");
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("KAFLEET_STATE", directory.resolve("state").toString());
    environment.put("KAFLEET_CONFIG", config.toString());
    environment.put("KAFLEET_SERVER", placementUrl);
    environment.put("KAFLEET_TOKEN", token);
    return new CliStartup(launcher(), directory, environment);
  }

  /** The median (and min, max) of {@code runs} timed runs of each command. */
  Map<String, Object> measure(int runs) throws IOException, InterruptedException {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("launcher", launcher.toString());
    result.put("runs", runs);
    for (List<String> command : COMMANDS) {
      Path log = directory.resolve(String.join("-", command) + ".log");
      long warmUp = run(command, log);
      List<String> said =
          Files.readAllLines(log).stream().filter(line -> line.startsWith("kafleet: ")).toList();
      List<Long> times = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        times.add(run(command, log));
      }
      times.sort(Long::compare);
      Map<String, Object> figure = new LinkedHashMap<>();
      figure.put("medianMs", Scenarios.millis(median(times)));
      figure.put("minMs", Scenarios.millis(times.get(0)));
      figure.put("maxMs", Scenarios.millis(times.get(times.size() - 1)));
      figure.put("untimedFirstRunMs", Scenarios.millis(warmUp));
      figure.put("launcherOnFirstRun", said);
      result.put("kafleet " + String.join(" ", command), figure);
    }
    return result;
  }

  private long run(List<String> command, Path log) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    line.add(launcher.toString());
    line.addAll(command);
    ProcessBuilder builder =
        new ProcessBuilder(line)
            .directory(launcher.getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    long start = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException("kafleet " + command + " did not exit within 10 minutes");
    }
    long took = System.nanoTime() - start;
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "kafleet "
              + String.join(" ", command)
              + " exited "
              + process.exitValue()
              + ":\n"
              + Files.readString(log));
    }
    return took;
  }

  private static long median(List<Long> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** The repo's launcher: ./kafleet in this directory or the nearest one above it. */
  private static Path launcher() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("kafleet");
      if (Files.isRegularFile(candidate)
          && Files.isExecutable(candidate)
          && Files.isDirectory(dir.resolve("cli"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no ./kafleet launcher in " + Path.of("").toAbsolutePath() + " or above it");
  }
}
