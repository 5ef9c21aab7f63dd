package io.kafleet.traffic;

import static io.kafleet.traffic.FleetStandIn.VS;
import static io.kafleet.traffic.PodinfoDocuments.GREEN_80;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.kafka.embedded.KafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * What an operator watches, on traffic-service run as its own JVM with JSON logs: the probes, the
 * Prometheus scrape after a shift, and the log lines of that shift. podinfo is placed in member1
 * and member2, the test standing in for placement-service and both agents.
 *
 * <p>The election is held up from outside: a member of the election's group that stops polling (a
 * hung instance) keeps the group rebalancing, so traffic-service knows no leader until it leaves.
 */
@ExtendWith(KafkaBrokerExtension.class)
class TrafficOperationsIT {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String SHIFT =
      """
      {"virtualService": {"namespace": "default", "name": "podinfo"},
       "route": {"index": 0}, "weights": {"green": 80, "blue": 20}, "requestedBy": "alice"}
      """;

  /** Every kafleet_traffic_* series docs/operations.md lists (histograms by their parts). */
  private static final List<String> TRAFFIC_SERIES =
      List.of(
          "kafleet_traffic_shifts_total",
          "kafleet_traffic_shift_convergence_seconds_bucket",
          "kafleet_traffic_shift_convergence_seconds_count",
          "kafleet_traffic_shift_convergence_seconds_sum",
          "kafleet_traffic_rollouts_active",
          "kafleet_traffic_rollout_step_duration_seconds_bucket",
          "kafleet_traffic_rollout_step_duration_seconds_count",
          "kafleet_traffic_rollout_step_duration_seconds_sum");

  private KafkaBroker broker;
  private SchemaRegistryServer registry;
  private Topics topics;
  private FleetStandIn fleet;
  private String prefix;
  private TrafficProcess process;

  @BeforeEach
  void podinfoInTwoClusters(KafkaBroker broker, TestTopics testTopics) throws Exception {
    this.broker = broker;
    this.prefix = testTopics.prefix();
    registry =
        SchemaRegistryServer.start(
            RegistrySettings.of(broker.bootstrapServers()).withTopic(testTopics.name("_schemas")));
    topics = new Topics(prefix);
    fleet = new FleetStandIn(broker, registry.url(), topics);
    fleet.createTopics(List.of("member1", "member2"));
    fleet.podinfoOnBlue(List.of("member1", "member2"));
  }

  @AfterEach
  void stop() throws Exception {
    if (process != null) {
      process.close();
    }
    fleet.close();
    registry.close();
  }

  @Test
  void probesFollowTheElectionAShiftMovesTheMetersAndEveryLogLineIsJsonWithItsFields()
      throws Exception {
    broker.createCompactedTopic(topics.trafficLeader(), 1);
    Path log =
        Files.createDirectories(Path.of("target", "traffic-operations-it"))
            .resolve(prefix + "traffic.log");
    Files.deleteIfExists(log); // TrafficProcess appends: only this run's lines
    try (KafkaConsumer<byte[], byte[]> hung = electionMember()) {
      process =
          TrafficProcess.start(
              "traffic",
              broker,
              registry.url(),
              prefix,
              log,
              "--kafleet.leadership.session-timeout=6s",
              "--logging.structured.format.console=ecs",
              "--kafleet.security.static-tokens[1].name=test-viewer",
              "--kafleet.security.static-tokens[1].role=viewer",
              "--kafleet.security.static-tokens[1].token=" + TrafficApp.VIEWER_TOKEN);

      // It serves once the first election has waited its while, and knows no leader yet.
      awaitStatus("/actuator/health/liveness", 200);
      HttpResponse<String> readiness = get("/actuator/health/readiness", null);
      assertThat(readiness.statusCode()).as("readiness: %s", readiness.body()).isEqualTo(503);
      assertThat(ServiceHttp.json(readiness.body()).path("status").asString()).isEqualTo("DOWN");
      Awaitility.await("readiness staying DOWN while no leader is known")
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(10))
          .until(() -> get("/actuator/health/readiness", null).statusCode() == 503);
    }

    // The hung member left: traffic-service leads, rebuilds its books and is ready.
    awaitStatus("/actuator/health/readiness", 200);
    assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);

    HttpResponse<String> posted = ServiceHttp.postJson(process.url("/api/v1/shifts"), SHIFT);
    assertThat(posted.statusCode()).as("POST %s", posted.body()).isEqualTo(202);
    String shiftId = ServiceHttp.json(posted.body()).path("shiftId").asString();
    fleet.template(VS, 2, GREEN_80, "alice (shift " + shiftId + ")");
    for (String cluster : List.of("member1", "member2")) {
      fleet.work(cluster, 2, "hash-green", GREEN_80);
      fleet.applied(cluster, 2, "hash-green", GREEN_80);
    }
    ServiceHttp.await(
        process.url("/api/v1/shifts/" + shiftId),
        "converged",
        s -> s.path("converged").asBoolean());

    assertThat(get("/actuator/prometheus", null).statusCode())
        .as("a scrape without a token")
        .isEqualTo(401);
    PrometheusScrape scrape = awaitScrape("kafleet_traffic_shift_convergence_seconds_count");
    Files.writeString(log.resolveSibling(prefix + "scrape.txt"), scrape.text()); // for a reader
    assertThat(scrape.value("kafleet_traffic_shifts_total", "outcome=\"completed\""))
        .isEqualTo(1.0);
    for (String outcome : List.of("failed", "diverged", "timed_out", "no_targets")) {
      assertThat(scrape.value("kafleet_traffic_shifts_total", "outcome=\"" + outcome + "\""))
          .as("shifts %s, registered before any", outcome)
          .isEqualTo(0.0);
    }
    assertThat(scrape.value("kafleet_traffic_shift_convergence_seconds_count")).isEqualTo(1.0);
    assertThat(scrape.value("kafleet_traffic_shift_convergence_seconds_bucket", "le=\"+Inf\""))
        .isEqualTo(1.0);
    assertThat(scrape.value("kafleet_traffic_rollouts_active")).isEqualTo(0.0);
    assertThat(scrape.names()).containsAll(TRAFFIC_SERIES);
    assertThat(scrape.names())
        .as("Kafka client metrics of the bindings' consumers and the transactional producer")
        .anyMatch(name -> name.startsWith("kafka_consumer_"))
        .anyMatch(name -> name.startsWith("kafka_producer_"));

    process.close();
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertThat(lines).isNotEmpty();
    List<JsonNode> records = new ArrayList<>();
    for (String line : lines) {
      try {
        records.add(ServiceHttp.json(line));
      } catch (RuntimeException e) {
        throw new AssertionError("a line of the log is not JSON: " + line, e);
      }
    }
    assertThat(records)
        .as("no meter refused for its tag keys")
        .noneSatisfy(
            r -> assertThat(r.path("message").asString()).contains("registration has failed"));
    List<JsonNode> aboutTheShift =
        records.stream().filter(r -> r.path("message").asString().contains(shiftId)).toList();
    assertThat(aboutTheShift).as("log lines naming shift %s", shiftId).isNotEmpty();
    assertThat(aboutTheShift)
        .allSatisfy(r -> assertThat(r.path("shift").asString()).as("%s", r).isEqualTo(shiftId))
        .allSatisfy(r -> assertThat(r.path("object").asString()).as("%s", r).isEqualTo(VS))
        .anySatisfy(r -> assertThat(r.path("cluster").asString()).isEqualTo("member2"));
  }

  /**
   * A member of the election's group that polls once, is given the partition and then polls no
   * more: a rebalance waits for it until it leaves.
   */
  private KafkaConsumer<byte[], byte[]> electionMember() {
    Map<String, Object> config = broker.clientConfig();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, topics.trafficLeader());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) PATIENCE.toMillis());
    KafkaConsumer<byte[], byte[]> member = new KafkaConsumer<>(config);
    member.subscribe(List.of(topics.trafficLeader()));
    Awaitility.await("the hung member holding the election's partition")
        .atMost(PATIENCE)
        .until(
            () -> {
              member.poll(Duration.ofMillis(200));
              return !member.assignment().isEmpty();
            });
    return member;
  }

  private void awaitStatus(String path, int status) {
    Awaitility.await(path + " answering " + status)
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              assertThat(process.isAlive()).as("its log:\n%s", process.logText()).isTrue();
              assertThat(statusOf(path)).isEqualTo(status);
            });
  }

  /** The scrape once it shows {@code name}; the meters are fed after the commit. */
  private PrometheusScrape awaitScrape(String name) {
    return Awaitility.await("a scrape with " + name)
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              HttpResponse<String> scrape = get("/actuator/prometheus", TrafficApp.VIEWER_TOKEN);
              return new PrometheusScrape(scrape.statusCode() == 200 ? scrape.body() : "");
            },
            scrape -> scrape.value(name) == 1.0);
  }

  private int statusOf(String path) throws Exception {
    try {
      return get(path, null).statusCode();
    } catch (IOException notListeningYet) {
      return -1;
    }
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(process.url(path)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
