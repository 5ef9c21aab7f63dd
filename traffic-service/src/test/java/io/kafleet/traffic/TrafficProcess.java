package io.kafleet.traffic;

import io.kafleet.kafka.embedded.KafkaBroker;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * traffic-service as a separate JVM, started with {@code java -cp ...
 * io.kafleet.traffic.TrafficServiceApplication} on the classpath it ships with (written by the
 * build to traffic.classpath), so that a test can kill it with SIGKILL from outside.
 */
public final class TrafficProcess implements AutoCloseable {

  /** A small service JVM: the machine runs several at once. */
  private static final List<String> JVM_OPTIONS =
      List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

  private final String name;
  private final Process process;
  private final Path log;
  private final int port;

  private TrafficProcess(String name, Process process, Path log, int port) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts an instance on {@code broker} with the test tokens of {@link TrafficApp}, its output
   * appended to {@code log}; {@code overrides} are further {@code --key=value} settings.
   */
  public static TrafficProcess start(
      String name,
      KafkaBroker broker,
      String registryUrl,
      String topicPrefix,
      Path log,
      String... overrides)
      throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.addAll(List.of("-cp", classpath(), TrafficServiceApplication.class.getName()));
    command.add("--server.port=" + port);
    command.add("--server.address=127.0.0.1");
    command.add("--kafleet.kafka.bootstrap-servers=" + broker.bootstrapServers());
    command.add("--kafleet.schema-registry.url=" + registryUrl);
    command.add("--kafleet.topic-prefix=" + topicPrefix);
    command.add("--kafleet.traffic.evaluate-interval=200ms");
    command.add("--kafleet.security.static-tokens[0].name=test-admin");
    command.add("--kafleet.security.static-tokens[0].role=admin");
    command.add("--kafleet.security.static-tokens[0].token=" + TrafficApp.ADMIN_TOKEN);
    command.addAll(List.of(overrides));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new TrafficProcess(name, process, log, port);
  }

  public String name() {
    return name;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the JVM with SIGKILL, as the OOM killer or a lost node would: nothing is flushed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " (pid " + process.pid() + ") survived SIGKILL");
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
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String classpath() throws IOException {
    try (InputStream in = TrafficProcess.class.getResourceAsStream("/traffic.classpath")) {
      if (in == null) {
        throw new IllegalStateException("traffic.classpath is missing: build with ./mvnw first");
      }
      String jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      Path classes;
      try {
        classes =
            Path.of(
                TrafficServiceApplication.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
      return classes + File.pathSeparator + jars;
    }
  }
}
