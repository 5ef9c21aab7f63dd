package io.kafleet.traffic.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus as a child process, scraping the given targets every second.
 *
 * <p>The binary is the one {@code scripts/prometheus-binary.sh} builds: this class runs that script
 * and takes the path from its last line of output, so it finds the binary wherever the script put
 * it ({@code ${KUBE_API_TEST_DIR:-~/.kubeapitest}/prometheus/...}). The build itself happens once,
 * at pre-integration-test (traffic-service/pom.xml), so that the script returns at once here.
 *
 * <p>Its configuration, data and output live in a fresh directory under {@code target/}; the output
 * file is named in every failure, and printed when it is short enough to read.
 */
public final class PrometheusProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration READY_WITHIN = Duration.ofSeconds(60);

  private static Path binary;

  private final Process process;
  private final Path directory;
  private final Path log;
  private final URI url;

  private PrometheusProcess(Process process, Path directory, Path log, URI url) {
    this.process = process;
    this.directory = directory;
    this.log = log;
    this.url = url;
  }

  /**
   * Starts Prometheus scraping {@code targets} ({@code host:port}, path /metrics) and waits till
   * ready.
   */
  public static PrometheusProcess start(List<String> targets) throws IOException {
    Path directory =
        Files.createTempDirectory(Files.createDirectories(Path.of("target")), "prometheus-")
            .toAbsolutePath();
    Path config = directory.resolve("prometheus.yml");
    Files.writeString(config, config(targets));
    Path log = directory.resolve("prometheus.log");
    int port = freePort();
    Process process =
        new ProcessBuilder(
                binary().toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    PrometheusProcess prometheus =
        new PrometheusProcess(process, directory, log, URI.create("http://127.0.0.1:" + port));
    try {
      prometheus.awaitReady();
    } catch (RuntimeException | Error e) {
      prometheus.close();
      throw e;
    }
    return prometheus;
  }

  public static PrometheusProcess start(String... targets) throws IOException {
    return start(List.of(targets));
  }

  /** Where its HTTP API answers, {@code http://127.0.0.1:port}. */
  public URI url() {
    return url;
  }

  /**
   * The value of an instant query that must give a vector of exactly one sample. Otherwise an
   * {@link AssertionError} naming the query and the response, so that Awaitility's {@code
   * untilAsserted} waits through it; a query Prometheus refuses is an {@link
   * IllegalArgumentException} at once.
   */
  public double query(String promql) {
    Map<Map<String, String>, Double> samples = queryAll(promql);
    if (samples.size() != 1) {
      throw new AssertionError(
          "expected one sample for " + promql + ", got " + samples.size() + ": " + samples);
    }
    return samples.values().iterator().next();
  }

  /** Every sample of an instant query's vector, by its labels (empty when nothing matches). */
  public Map<Map<String, String>, Double> queryAll(String promql) {
    String body = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    JsonNode answer = JSON.readTree(body);
    if (!"success".equals(answer.path("status").asString(""))) {
      throw new IllegalArgumentException(
          "Prometheus refused the query " + promql + ": " + body + logHint());
    }
    JsonNode data = answer.path("data");
    if (!"vector".equals(data.path("resultType").asString(""))) {
      throw new AssertionError("expected a vector for " + promql + ", got: " + body);
    }
    Map<Map<String, String>, Double> samples = new LinkedHashMap<>();
    for (JsonNode sample : data.path("result")) {
      Map<String, String> labels = new LinkedHashMap<>();
      sample
          .path("metric")
          .properties()
          .forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
      samples.put(Map.copyOf(labels), number(sample.path("value").path(1).asString()));
    }
    return samples;
  }

  /** What Prometheus has printed so far. */
  public String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(" + log + " unreadable: " + e.getMessage() + ")";
    }
  }

  /** Stops the process and removes its data; the configuration and the output stay in target/. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    deleteTree(directory.resolve("data"));
  }

  private void awaitReady() {
    try {
      Awaitility.await("Prometheus at " + url + " answering 200 on /-/ready")
          .atMost(READY_WITHIN)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException(
                      "Prometheus exited with "
                          + process.exitValue()
                          + " before it was ready"
                          + logHint());
                }
                return status("/-/ready") == 200;
              });
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          "Prometheus at " + url + " not ready within " + READY_WITHIN + logHint(), e);
    }
  }

  private int status(String path) {
    try {
      return HTTP.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private String get(String path) {
    try {
      return HTTP.send(request(path), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + url + path + " failed" + logHint(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking Prometheus " + path, e);
    }
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(10)).build();
  }

  /** The output file, and its text when it is short (warnings only, so normally it is). */
  private String logHint() {
    String text = logText();
    return "\nPrometheus output ("
        + log
        + "):\n"
        + (text.length() <= 8000 ? text : "..." + text.substring(text.length() - 8000));
  }

  private static String config(List<String> targets) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("Prometheus needs at least one target to scrape");
    }
    return """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: istio
            static_configs:
              - targets: [%s]
        """
        .formatted(targets.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", ")));
  }

  private static double number(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  /** The binary scripts/prometheus-binary.sh builds (at once when it is there already). */
  private static synchronized Path binary() throws IOException {
    if (binary == null) {
      Path script = repositoryRoot().resolve("scripts").resolve("prometheus-binary.sh");
      Path output = Files.createTempFile(Path.of("target"), "prometheus-binary", ".log");
      Process run =
          new ProcessBuilder("bash", script.toString())
              .redirectOutput(output.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      try {
        if (!run.waitFor(30, TimeUnit.MINUTES) || run.exitValue() != 0) {
          run.destroyForcibly();
          throw new IllegalStateException(
              script + " failed; its output: " + Files.readString(output));
        }
      } catch (InterruptedException e) {
        run.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while running " + script, e);
      }
      List<String> lines = Files.readAllLines(output);
      Files.delete(output);
      Path built = lines.isEmpty() ? null : Path.of(lines.get(lines.size() - 1).strip());
      if (built == null || !Files.isExecutable(built)) {
        throw new IllegalStateException(
            script + " named no executable on its last line; it printed: " + lines);
      }
      binary = built;
    }
    return binary;
  }

  /** The first directory upwards from here that has scripts/prometheus-binary.sh. */
  private static Path repositoryRoot() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("scripts").resolve("prometheus-binary.sh"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no scripts/prometheus-binary.sh in " + start + " or above");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + root, e);
    }
  }
}
