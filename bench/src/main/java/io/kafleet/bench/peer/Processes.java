package io.kafleet.bench.peer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starting the harness's scripts and child JVMs, with their output in the state directory. */
final class Processes {

  private Processes() {}

  /** Runs a script of bench/peer to its end; fails with the end of its output. */
  static void script(Path log, String... command) {
    try {
      Process process =
          new ProcessBuilder(List.of(command))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " failed; the end of " + log + ":\n" + tail(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** A JVM running {@code mainClass} on the harness's classpath. */
  static Process java(
      List<String> jvmOptions,
      String mainClass,
      List<String> args,
      Map<String, String> environment,
      Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classpath(), mainClass));
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ends a process as an operator's stop would (SIGTERM), and waits for it. */
  static void stop(long pid) {
    ProcessHandle.of(pid)
        .ifPresent(
            handle -> {
              handle.destroy();
              try {
                handle.onExit().get(60, TimeUnit.SECONDS);
              } catch (Exception e) {
                handle.destroyForcibly();
              }
            });
  }

  static void createDirectories(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long pidIn(Path pidFile) {
    try {
      return Long.parseLong(Files.readString(pidFile).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String classpath() {
    Path written = Path.of("bench", "target", "bench.classpath");
    try {
      if (Files.exists(written)) {
        return Path.of("bench", "target", "classes").toAbsolutePath()
            + File.pathSeparator
            + Files.readString(written).strip();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return System.getProperty("java.class.path");
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
