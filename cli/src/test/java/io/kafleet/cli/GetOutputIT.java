package io.kafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.placement.PlacementServiceApplication;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kafleet get}'s kubectl-style output against a real placement-service (on a real broker)
 * holding the bookinfo seed's Deployments, applied with {@code kafleet apply}.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GetOutputIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TOKEN = "get-output-admin-token";
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final List<String> DEPLOYMENTS =
      List.of(
          "details-v1", "ratings-v1", "reviews-v1", "reviews-v2", "reviews-v3", "productpage-v1");

  private SchemaRegistryServer registry;
  private ConfigurableApplicationContext placement;
  private String server;
  private Path deployments;

  @BeforeAll
  void start(EmbeddedKafkaBroker broker, TestTopics topics, @TempDir Path dir) throws IOException {
    registry =
        SchemaRegistryServer.start(
            RegistrySettings.of(broker.bootstrapServers()).withTopic(topics.name("_schemas")));
    placement =
        PlacementServiceApplication.builder()
            .run(
                "--server.port=0",
                "--kafleet.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--kafleet.schema-registry.url=" + registry.url(),
                "--kafleet.topic-prefix=" + topics.prefix(),
                "--kafleet.security.static-tokens[0].name=get-output-admin",
                "--kafleet.security.static-tokens[0].role=admin",
                "--kafleet.security.static-tokens[0].token=" + TOKEN);
    server = "http://127.0.0.1:" + placement.getEnvironment().getProperty("local.server.port");
    deployments = dir.resolve("bookinfo-deployments.yaml");
    Files.writeString(deployments, deploymentsOf(bookinfo().resolve("bookinfo-karmada.yaml")));
    // The first apply waits for the instance to lead the fleet.
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> run("apply", "-f", deployments.toString()).exitCode() == 0);
  }

  @AfterAll
  void stop() {
    if (placement != null) {
      placement.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void jsonIsAListWhoseItemsNamesJqReads() throws Exception {
    CliRun run = run("get", "deployments", "-o", "json");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    JsonNode list = JSON.readTree(run.out());
    assertThat(list.path("apiVersion").asString()).isEqualTo("v1");
    assertThat(list.path("kind").asString()).isEqualTo("List");
    // jq '.items[].metadata.name'
    List<String> names = new ArrayList<>();
    list.path("items").forEach(item -> names.add(item.path("metadata").path("name").asString()));
    assertThat(names).containsExactlyInAnyOrderElementsOf(DEPLOYMENTS);
    for (JsonNode item : list.path("items")) {
      assertThat(item.path("apiVersion").asString()).isEqualTo("apps/v1");
      assertThat(item.path("kind").asString()).isEqualTo("Deployment");
      assertThat(item.path("metadata").path("namespace").asString()).isEqualTo("default");
      assertThat(item.path("metadata").path("generation").asLong()).isPositive();
    }
    if (onPath("jq")) {
      assertThat(jq(run.out(), ".items[].metadata.name"))
          .as("jq -r '.items[].metadata.name'")
          .containsExactlyInAnyOrderElementsOf(DEPLOYMENTS);
    }
  }

  @Test
  void jsonOfOneNamedDeploymentIsThatObject() {
    CliRun run = run("get", "deployment", "reviews-v2", "-o", "json");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    JsonNode object = JSON.readTree(run.out());
    assertThat(object.path("kind").asString()).isEqualTo("Deployment");
    assertThat(object.path("metadata").path("name").asString()).isEqualTo("reviews-v2");
    assertThat(object.has("items")).isFalse();
  }

  @Test
  void nameListsKindDotGroupSlashName() {
    CliRun run = run("get", "deployments", "-o", "name");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    assertThat(run.out().lines().toList())
        .containsExactlyInAnyOrderElementsOf(
            DEPLOYMENTS.stream().map(name -> "deployment.apps/" + name).toList());
  }

  @Test
  void wideAddsThePerClusterColumns() {
    CliRun run = run("get", "deployments", "-o", "wide");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    assertThat(run.out().lines().findFirst().orElseThrow())
        .matches("NAME +GENERATION +CLUSTERS +HEALTH +PHASE +CLUSTER-HEALTH +APPLIED-GENERATION");
    assertThat(run.out().lines().skip(1).toList())
        .hasSize(DEPLOYMENTS.size())
        .allSatisfy(
            line ->
                assertThat(line)
                    .matches("\\S+ +\\d+ +\\d+/\\d+ clusters ready +\\S+ +\\S+ +\\S+ +\\S+"));
  }

  @Test
  void watchPrintsTheTableThenTheDeploymentThatChanged(@TempDir Path dir) throws Exception {
    Path changed = dir.resolve("ratings.yaml");
    String ratings =
        deploymentsOf(bookinfo().resolve("bookinfo-karmada.yaml"))
            .split("(?m)^---$")[1]
            .replaceFirst("(?m)^(\\s+)replicas: \\d+", "$1replicas: 3");
    Files.writeString(changed, ratings);
    assertThat(ratings).contains("name: ratings-v1").contains("replicas: 3");
    String[] args = {"get", "deployments", "--watch", "--server=" + server, "--token=" + TOKEN};
    CommandLine cli = KafleetCommand.commandLine(args);
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    AtomicInteger exitCode = new AtomicInteger(-1);
    Thread watcher = new Thread(() -> exitCode.set(cli.execute(args)), "get-watch");
    watcher.start();
    try {
      await()
          .atMost(PATIENCE)
          .until(() -> out.toString().lines().count() == 1 + DEPLOYMENTS.size());
      CliRun apply = run("apply", "-f", changed.toString());
      assertThat(apply.out())
          .as("apply, seen %s", apply)
          .contains("deployment/ratings-v1 configured");
      await().atMost(PATIENCE).until(() -> out.toString().lines().count() > 1 + DEPLOYMENTS.size());
    } finally {
      watcher.interrupt();
      watcher.join(PATIENCE.toMillis());
    }

    assertThat(watcher.isAlive()).as("watch still running after the interrupt").isFalse();
    assertThat(exitCode.get()).as("exit code after the interrupt").isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).startsWith("NAME ");
    assertThat(lines.subList(1 + DEPLOYMENTS.size(), lines.size()))
        .as("lines after the table, output:%n%s", out)
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).startsWith("ratings-v1 "));
    assertThat(lines.get(1 + DEPLOYMENTS.size()).split(" +")[1])
        .as("generation after the change")
        .isEqualTo("2");
  }

  private CliRun run(String... args) {
    return CliRun.of(args, "--server=" + server, "--token=" + TOKEN);
  }

  /** The seed's Deployment documents, unchanged, in one multi-document YAML. */
  private static String deploymentsOf(Path file) throws IOException {
    List<String> kept =
        Arrays.stream(Files.readString(file).split("(?m)^---$"))
            .filter(document -> document.contains("\nkind: Deployment\n"))
            .toList();
    return String.join("---", kept);
  }

  /** The bookinfo seed: examples/bookinfo in the repository, else ../shared/scenarios/bookinfo. */
  private static Path bookinfo() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw"))) {
        Path examples = dir.resolve("examples/bookinfo");
        return Files.isDirectory(examples)
            ? examples
            : dir.resolve("../shared/scenarios/bookinfo").normalize();
      }
    }
    throw new IllegalStateException("no mvnw at or above " + Path.of("").toAbsolutePath());
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    return path != null
        && Arrays.stream(path.split(File.pathSeparator))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }

  private static List<String> jq(String input, String filter) throws Exception {
    Process jq = new ProcessBuilder("jq", "-r", filter).redirectErrorStream(true).start();
    jq.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    jq.getOutputStream().close();
    String output = new String(jq.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(jq.waitFor(30, TimeUnit.SECONDS)).as("jq ended").isTrue();
    assertThat(jq.exitValue()).as("jq exit code, output:%n%s", output).isZero();
    return output.lines().toList();
  }
}
