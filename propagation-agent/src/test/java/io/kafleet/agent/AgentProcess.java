package io.kafleet.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The agent as a separate JVM, started with {@code java -cp ... io.kafleet.agent.Agent} on the
 * classpath it ships with (written by the build to agent.classpath), as an operator runs it.
 */
public final class AgentProcess implements AutoCloseable {

  /** The JVM options the README recommends for the agent: a small heap, serial GC, C1 only. */
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
  private final int healthPort;

  private AgentProcess(Process process, Path log, int healthPort) {
    this.process = process;
    this.log = log;
    this.healthPort = healthPort;
  }

  public static AgentProcess start(Map<String, String> environment, Path log) throws IOException {
    return start(environment, log, JVM_OPTIONS, classpath());
  }

  /** The agent with its stdout in {@code log} and its stderr apart, in {@code errors}. */
  public static AgentProcess start(Map<String, String> environment, Path log, Path errors)
      throws IOException {
    return start(environment, log, errors, JVM_OPTIONS, classpath());
  }

  /** The agent with these JVM options on this classpath (the image's jars, for a measurement). */
  public static AgentProcess start(
      Map<String, String> environment, Path log, List<String> jvmOptions, String classpath)
      throws IOException {
    return start(environment, log, null, jvmOptions, classpath);
  }

  private static AgentProcess start(
      Map<String, String> environment,
      Path log,
      Path errors,
      List<String> jvmOptions,
      String classpath)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classpath, Agent.class.getName()));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    if (errors == null) {
      builder.redirectErrorStream(true);
    } else {
      builder.redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile()));
    }
    builder.environment().putAll(environment);
    // A free port for the probes unless the test chose one: the default may be taken here.
    builder.environment().computeIfAbsent(HealthServer.PORT, name -> String.valueOf(freePort()));
    int healthPort = Integer.parseInt(builder.environment().get(HealthServer.PORT));
    return new AgentProcess(builder.start(), log, healthPort);
  }

  /** Where the agent's /healthz and /readyz answer. */
  public int healthPort() {
    return healthPort;
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public long pid() {
    return process.pid();
  }

  /** Waits for the process to end on its own and returns its exit code. */
  public int awaitExit() throws InterruptedException {
    if (!process.waitFor(AgentTestBed.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("the agent process did not exit; its log:\n" + logText());
    }
    return process.exitValue();
  }

  /**
   * Kills the agent with SIGKILL, as the kernel's OOM killer or a node failure would: no shutdown
   * hook, no flush, no commit. Returns the exit code, 137 (128 + 9) for a process killed this way.
   */
  public int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(AgentTestBed.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("the agent process " + pid() + " survived SIGKILL");
    }
    return process.exitValue();
  }

  /**
   * Freezes the agent with SIGSTOP, as a stalled node or a debugger would, so that what it has done
   * so far can be read from outside while it does nothing more.
   */
  public void suspend() {
    signal("STOP");
  }

  /** Lets a suspended agent run on (SIGCONT). */
  public void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      int exit = new ProcessBuilder("kill", "-" + name, String.valueOf(pid())).start().waitFor();
      if (exit != 0) {
        throw new AssertionError("kill -" + name + " " + pid() + " exited with " + exit);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while sending SIG" + name, e);
    }
  }

  public String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private static String classpath() throws IOException {
    try (InputStream in = AgentProcess.class.getResourceAsStream("/agent.classpath")) {
      if (in == null) {
        throw new IllegalStateException("agent.classpath is missing: build with ./mvnw first");
      }
      String jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      Path classes;
      try {
        classes = Path.of(Agent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      } catch (java.net.URISyntaxException e) {
        throw new IllegalStateException(e);
      }
      return classes + java.io.File.pathSeparator + jars;
    }
  }
}
