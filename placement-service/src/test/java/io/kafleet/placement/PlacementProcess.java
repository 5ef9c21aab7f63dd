package io.kafleet.placement;

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
 * placement-service as a separate JVM, started with {@code java -cp ...
 * io.kafleet.placement.PlacementServiceApplication} on the classpath it ships with (written by the
 * build to placement.classpath, without the tests' logging configuration), its standard output and
 * error each to a file of their own. It knows the tokens of {@link PlacementApp}.
 */
public final class PlacementProcess implements AutoCloseable {

  /** A small service JVM: the machine runs several at once. */
  private static final List<String> JVM_OPTIONS =
      List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

  private final Process process;
  private final Path stdout;
  private final int port;

  private PlacementProcess(Process process, Path stdout, int port) {
    this.process = process;
    this.stdout = stdout;
    this.port = port;
  }

  /**
   * Starts an instance on {@code broker}, writing its standard output to {@code directory}/stdout
   * and its standard error to {@code directory}/stderr; {@code overrides} are further {@code
   * --key=value} settings.
   */
  public static PlacementProcess start(
      KafkaBroker broker,
      String registryUrl,
      String topicPrefix,
      Path directory,
      String... overrides)
      throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.addAll(List.of("-cp", classpath(), PlacementServiceApplication.class.getName()));
    command.add("--server.port=" + port);
    command.add("--server.address=127.0.0.1");
    command.add("--kafleet.kafka.bootstrap-servers=" + broker.bootstrapServers());
    command.add("--kafleet.schema-registry.url=" + registryUrl);
    command.add("--kafleet.topic-prefix=" + topicPrefix);
    command.add("--kafleet.clusters.auto-accept=true");
    command.add("--kafleet.clusters.heartbeat-interval=1h");
    String[][] tokens = {
      {"test-admin", "admin", PlacementApp.ADMIN_TOKEN},
      {"test-operator", "operator", PlacementApp.OPERATOR_TOKEN},
      {"test-viewer", "viewer", PlacementApp.VIEWER_TOKEN}
    };
    for (int i = 0; i < tokens.length; i++) {
      String entry = "--kafleet.security.static-tokens[" + i + "].";
      command.add(entry + "name=" + tokens[i][0]);
      command.add(entry + "role=" + tokens[i][1]);
      command.add(entry + "token=" + tokens[i][2]);
    }
    command.addAll(List.of(overrides));
    Path stdout = directory.resolve("stdout");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(directory.resolve("stderr").toFile())
            .start();
    return new PlacementProcess(process, stdout, port);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Every line written to standard output so far. */
  public List<String> stdoutLines() {
    try {
      return Files.readAllLines(stdout, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
    try (InputStream in = PlacementProcess.class.getResourceAsStream("/placement.classpath")) {
      if (in == null) {
        throw new IllegalStateException("placement.classpath is missing: build with ./mvnw first");
      }
      String jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      Path classes;
      try {
        classes =
            Path.of(
                PlacementServiceApplication.class
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
