package io.kafleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kafleet.cli.KafleetCommand;
import io.kafleet.devstack.DevStack;
import io.kafleet.devstack.DevStackSettings;
import io.kafleet.events.FleetEvent;
import io.kafleet.events.ShiftProgress;
import io.kafleet.events.ShiftState;
import io.kafleet.schemas.Topics;
import io.kafleet.serde.KafleetAvroDeserializer;
import io.kafleet.serde.SerdeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Both seeds on the whole suite — a real broker, the registry, placement-service, traffic-service
 * and two member clusters, each a real kube-apiserver with its agent — driven through the CLI and
 * the public APIs, with the results read from the members' API servers.
 */
class SeedsE2EIT {

  private static final Path SCENARIOS = Scenarios.locate().root();
  private static DevStack stack;
  private static Path state;

  @BeforeAll
  static void startTheSuite() throws Exception {
    state = Files.createTempDirectory("kafleet-e2e");
    stack = DevStack.start(new DevStackSettings(state, 0, 0, 0, 0, List.of("member1", "member2")));
    await(
        () -> kafleet("get", "clusters").contains("member2   Pull   True"),
        "both members ready in `kafleet get clusters`");
  }

  @AfterAll
  static void stopTheSuite() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void theViewersTokenReadsButMayNotApplyOrShift() {
    assertThat(kafleetAs(stack.tokens().viewer(), "get", "clusters").out()).contains("member1");

    CliRun apply =
        kafleetAs(
            stack.tokens().viewer(),
            "apply",
            "-f",
            SCENARIOS.resolve("podinfo-blue-green").resolve("base.yaml").toString());
    assertThat(apply.exit()).as("kafleet apply with the viewer's token: %s", apply).isEqualTo(1);
    assertThat(apply.err())
        .isEqualTo(
            "error: placement-service answered 403 Forbidden: operator role required; token"
                + " 'dev-viewer' has viewer\n");

    CliRun shift =
        kafleetAs(stack.tokens().viewer(), "traffic", "set", "podinfo", "--weights", "a=100");
    assertThat(shift.err())
        .as("kafleet traffic set with the viewer's token")
        .startsWith("error: traffic-service answered 403 Forbidden: operator role required");

    CliRun accept = kafleetAs(stack.tokens().operator(), "cluster", "accept", "member1");
    assertThat(accept.err())
        .as("kafleet cluster accept with the operator's token")
        .startsWith("error: placement-service answered 403 Forbidden: admin role required");
    assertThat(kafleetAs(stack.tokens().admin(), "cluster", "accept", "member1").exit())
        .as("kafleet cluster accept with the admin's token")
        .isZero();

    CliRun anonymous = kafleetAs("not-a-token", "get", "clusters");
    assertThat(anonymous.err())
        .startsWith("error: placement-service answered 401 Unauthorized: unknown bearer token");
  }

  @Test
  void bookinfoLandsInTheMembersAsTheScenarioTableSays() {
    String applied = kafleet("apply", "-f", SCENARIOS.resolve("bookinfo").toString());
    assertThat(applied).contains("propagationpolicy/produtpage-propagation");

    Map<String, List<String>> deployments =
        Map.of(
            "member1", List.of("productpage-v1", "reviews-v1", "reviews-v2", "reviews-v3"),
            "member2",
                List.of("details-v1", "ratings-v1", "reviews-v1", "reviews-v2", "reviews-v3"));
    for (var expected : deployments.entrySet()) {
      try (KubernetesClient member = member(expected.getKey())) {
        await(
            () ->
                bookinfo(
                        names(member.apps().deployments().inNamespace("default").list().getItems()))
                    .equals(new TreeSet<>(expected.getValue())),
            "Deployments in " + expected.getKey() + " as the scenario table says");
        assertThat(names(member.services().inNamespace("default").list().getItems()))
            .as("Services in %s", expected.getKey())
            .containsAll(List.of("details", "productpage", "ratings", "reviews"));
        String live = kafleet("get", "deployments", "-m", expected.getKey(), "-o", "json");
        assertThat(live)
            .as("kafleet get deployments -m %s -o json, read through its agent", expected.getKey())
            .contains("\"kind\" : \"List\"")
            .contains(expected.getValue().stream().map(d -> "\"name\" : \"" + d + "\"").toList());
        assertThat(istio(member, "Gateway", "bookinfo-gateway")).isNotNull();
        assertThat(istio(member, "VirtualService", "bookinfo")).isNotNull();
      }
    }
  }

  @Test
  void podinfoShiftsInBothMembersThroughTheApiByApplyingTheScenariosFileAndWithTheCli()
      throws Exception {
    Path podinfo = SCENARIOS.resolve("podinfo-blue-green");
    for (String file :
        List.of("base.yaml", "gateway.yaml", "destinationrule.yaml", "virtualservice-blue.yaml")) {
      kafleet("apply", "-f", podinfo.resolve(file).toString());
    }
    Path application = state.resolve("application.yaml");
    Files.writeString(
        application,
        Files.readString(podinfo.resolve("application.yaml"))
            .replace("<clusterid1>", "member1")
            .replace("<clusterid2>", "member2"));
    kafleet("apply", "-f", application.toString());
    for (String cluster : List.of("member1", "member2")) {
      try (KubernetesClient member = member(cluster)) {
        await(
            () ->
                names(member.apps().deployments().inNamespace("default").list().getItems())
                    .containsAll(List.of("podinfo-blue", "podinfo-green")),
            "both podinfo Deployments in " + cluster);
      }
    }

    String shift =
        post(
            stack.trafficUrl() + "/api/v1/shifts",
            "{\"virtualService\":{\"namespace\":\"default\",\"name\":\"podinfo\"},"
                + "\"weights\":{\"green\":50,\"blue\":50},\"requestedBy\":\"e2e\"}");
    String shiftId = shift.replaceAll(".*\"shiftId\":\"([^\"]+)\".*", "$1");
    await(
        () -> get(stack.trafficUrl() + "/api/v1/shifts/" + shiftId).contains("\"converged\":true"),
        "the 50/50 shift converged in both members");
    assertWeights(50, 50);
    assertThat(convergedOnTheEventsTopic(shiftId))
        .as("ShiftProgress Converged events of shift %s on kafleet.traffic.events", shiftId)
        .containsExactlyInAnyOrder("member1", "member2");

    kafleet("apply", "-f", podinfo.resolve("virtualservice-green-80.yaml").toString());
    await(
        () ->
            get(stack.trafficUrl() + "/api/v1/virtualservices/default/podinfo/history")
                .matches("(?s).*\"origin\":\"apply\".*\"converged\":true.*"),
        "the applied virtualservice-green-80.yaml tracked as a shift and converged");
    assertWeights(80, 20);

    String migrated =
        kafleet("traffic", "set", "podinfo", "--weights", "green=100,blue=0", "--wait");
    assertThat(migrated)
        .as("kafleet traffic set --wait")
        .containsPattern("member1\\s+Converged\\s+green=100,blue=0")
        .containsPattern("member2\\s+Converged\\s+green=100,blue=0");
    assertWeights(100, 0);
  }

  private static void assertWeights(int green, int blue) {
    for (String cluster : List.of("member1", "member2")) {
      try (KubernetesClient member = member(cluster)) {
        List<Map<String, Object>> route =
            istio(member, "VirtualService", "podinfo").get("spec", "http", 0, "route");
        Map<Object, Object> weights = new TreeMap<>();
        for (Map<String, Object> destination : route) {
          weights.put(
              ((Map<?, ?>) destination.get("destination")).get("subset"),
              destination.get("weight"));
        }
        assertThat(weights)
            .as("route weights read back from %s's API server", cluster)
            .isEqualTo(Map.of("green", green, "blue", blue));
      }
    }
  }

  /** The clusters the events topic reports the shift converged in, read as any consumer would. */
  private static List<String> convergedOnTheEventsTopic(String shiftId) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    config.put(SerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafleetAvroDeserializer.class);
    List<String> converged = new ArrayList<>();
    try (var consumer = new KafkaConsumer<String, FleetEvent>(config)) {
      TopicPartition events = new TopicPartition(Topics.DEFAULT.trafficEvents(), 0);
      consumer.assign(List.of(events));
      consumer.seekToBeginning(List.of(events));
      long end = consumer.endOffsets(List.of(events)).get(events);
      while (consumer.position(events) < end) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value().getPayload() instanceof ShiftProgress progress
              && progress.getShiftId().equals(shiftId)
              && progress.getState() == ShiftState.Converged) {
            converged.add(progress.getCluster());
          }
        }
      }
    }
    return converged;
  }

  private static GenericKubernetesResource istio(
      KubernetesClient member, String kind, String name) {
    return member
        .genericKubernetesResources("networking.istio.io/v1", kind)
        .inNamespace("default")
        .withName(name)
        .get();
  }

  private static KubernetesClient member(String cluster) {
    try {
      return new KubernetesClientBuilder()
          .withConfig(
              Config.fromKubeconfig(
                  Files.readString(state.resolve("clusters").resolve(cluster + ".kubeconfig"))))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Bookinfo objects among those named (the other seed shares the members). */
  private static TreeSet<String> bookinfo(TreeSet<String> names) {
    names.removeIf(name -> !name.matches("(details|ratings|reviews|productpage)(-v\\d)?"));
    return names;
  }

  private static TreeSet<String> names(List<? extends HasMetadata> objects) {
    TreeSet<String> names = new TreeSet<>();
    objects.forEach(object -> names.add(object.getMetadata().getName()));
    return names;
  }

  /**
   * Runs one CLI command against the suite with the operator's token; a failure fails the test with
   * what it printed.
   */
  private static String kafleet(String... args) {
    CliRun run = kafleetAs(stack.tokens().operator(), args);
    if (run.exit() != 0) {
      throw new AssertionError(
          "kafleet "
              + String.join(" ", args)
              + " exited "
              + run.exit()
              + ": "
              + run.err()
              + run.out());
    }
    return run.out();
  }

  private record CliRun(int exit, String out, String err) {}

  private static CliRun kafleetAs(String token, String... args) {
    CommandLine cli = KafleetCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] withServer = Arrays.copyOf(args, args.length + 2);
    withServer[args.length] =
        args[0].equals("traffic")
            ? "--traffic-server=" + stack.trafficUrl()
            : "--server=" + stack.placementUrl();
    withServer[args.length + 1] = "--token=" + token;
    int exit = cli.execute(withServer);
    return new CliRun(exit, out.toString(), err.toString());
  }

  private static String get(String url) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(url)).header("Authorization", operator()).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (Exception e) {
      throw new IllegalStateException("GET " + url, e);
    }
  }

  private static String post(String url, String json) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", operator())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("POST %s: %s", url, response.body()).isEqualTo(202);
    return response.body();
  }

  private static String operator() {
    return "Bearer " + stack.tokens().operator();
  }

  private static void await(Supplier<Boolean> condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.get()) {
        return;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
    throw new AssertionError("never happened within 90 s: " + what);
  }
}
