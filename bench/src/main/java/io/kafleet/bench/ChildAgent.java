package io.kafleet.bench;

import io.kafleet.agent.Agent;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The agent in its own JVM, as an operator runs it, on the harness's own classpath. */
public final class ChildAgent implements AutoCloseable {

  /** The JVM options the README recommends for the agent (as propagation-agent's tests use). */
  public static final List<String> JVM_OPTIONS =
      List.of(
          "-Xmx96m",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-XX:ReservedCodeCacheSize=32m",
          "-XX:MaxDirectMemorySize=32m",
          "-Xss512k");

  private final Process process;
  private final Path log;

  private ChildAgent(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static ChildAgent start(Map<String, String> environment, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.addAll(List.of("-cp", classpath(), Agent.class.getName()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    return new ChildAgent(builder.start(), log);
  }

  long pid() {
    return process.pid();
  }

  void checkAlive() throws IOException {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "the agent JVM exited with " + process.exitValue() + ":\n" + Files.readString(log));
    }
  }

  /**
   * The harness's classpath: bench.classpath written by the build (run.sh and the smoke test run
   * where it is), else this JVM's own.
   */
  private static String classpath() throws IOException {
    Path written = Path.of("target", "bench.classpath");
    if (!Files.exists(written)) {
      written = Path.of("bench", "target", "bench.classpath");
    }
    if (Files.exists(written)) {
      Path classes = written.resolveSibling("classes");
      return classes.toAbsolutePath() + File.pathSeparator + Files.readString(written).strip();
    }
    return System.getProperty("java.class.path");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
