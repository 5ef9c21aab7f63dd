package io.kafleet.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafleet.events.Health;
import io.kafleet.events.StatusEvent;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator watches placement-service with, on a service JVM of its own as it ships: its
 * Prometheus metrics (docs/operations.md lists them) behind a viewer token, and its logs as JSON
 * lines with the one switch, carrying the fields an operator filters on.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PlacementOperationsIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The names of docs/operations.md's kafleet_placement_* rows, as Prometheus shows them. */
  private static final List<String> DOCUMENTED =
      List.of(
          "kafleet_placement_works_written_total",
          "kafleet_placement_work_outcomes_total",
          "kafleet_placement_apply_duration_seconds_bucket",
          "kafleet_placement_apply_duration_seconds_count",
          "kafleet_placement_apply_duration_seconds_sum",
          "kafleet_placement_decisions_total",
          "kafleet_placement_status_consumer_lag_records",
          "kafleet_placement_cluster_heartbeat_age_seconds",
          "kafleet_placement_clusters",
          "kafleet_placement_templates");

  @TempDir static Path directory;
  private static SchemaRegistryServer registry;
  private static PlacementProcess service;
  private static Topics topics;
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startTheService(EmbeddedKafkaBroker sharedBroker, TestTopics testTopics)
      throws Exception {
    broker = sharedBroker;
    topics = new Topics(testTopics.prefix());
    registry =
        SchemaRegistryServer.start(
            RegistrySettings.of(broker.bootstrapServers()).withTopic(testTopics.name("_schemas")));
    broker.createCompactedTopic(topics.status("member1"), 1);
    Heartbeats.send(broker, registry.url(), topics, "member1");
    service =
        PlacementProcess.start(
            broker,
            registry.url(),
            testTopics.prefix(),
            directory,
            "--logging.structured.format.console=ecs",
            "--logging.level.io.kafleet.placement.kafka.KafkaDecisionWriter=DEBUG",
            "--kafleet.metrics.refresh-interval=500ms");
    await("placement-service ready")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptionsInstanceOf(IOException.class)
        .until(
            () -> {
              assertThat(service.isAlive()).as("the service JVM runs").isTrue();
              return call("/actuator/health/readiness", null).statusCode() == 200;
            });
    await("member1 known")
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> call("/api/v1/clusters", PlacementApp.VIEWER_TOKEN).body().contains("member1"));
  }

  @AfterAll
  static void stopTheService() throws Exception {
    if (service != null) {
      service.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void prometheusShowsThePlacementMetricsAndTheyMoveWithAnApply() throws Exception {
    HttpResponse<String> anonymous = call("/actuator/prometheus", null);
    assertThat(anonymous.statusCode()).as("a scrape without a token").isEqualTo(401);
    String before = scrape();
    String works =
        "kafleet_placement_works_written_total{application=\"placement-service\",cluster=\"member1\",operation=\"apply\"}";
    String applies =
        "kafleet_placement_apply_duration_seconds_count{application=\"placement-service\",result=\"accepted\"}";
    String decisions = "kafleet_placement_decisions_total{application=\"placement-service\"}";

    assertThat(apply(gateway("metrics-gateway")).statusCode()).isEqualTo(200);
    report("networking.istio.io/Gateway/default/metrics-gateway", WorkPhase.Applied);

    String outcomes =
        "kafleet_placement_work_outcomes_total{application=\"placement-service\",cluster=\"member1\",outcome=\"Applied\"}";
    String after =
        await("the counters moved")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .until(
                PlacementOperationsIT::scrape,
                text ->
                    value(text, works) > value(before, works)
                        && value(text, outcomes) > value(before, outcomes)
                        // The lag exists once the status consumer has fetched, and shows at the
                        // next refresh of the gauges.
                        && text.contains(
                            "kafleet_placement_status_consumer_lag_records{application=\"placement-service\",topic=\""
                                + topics.status("member1")));
    assertThat(value(after, applies)).as(applies).isEqualTo(value(before, applies) + 1);
    assertThat(value(after, decisions)).as(decisions).isGreaterThan(value(before, decisions));
    for (String name : DOCUMENTED) {
      assertThat(after).as("the scrape names %s", name).containsPattern("(?m)^" + name + "[{ ]");
    }
    assertThat(after)
        .contains(
            "kafleet_placement_clusters{application=\"placement-service\",readiness=\"Ready\"} 1.0")
        .contains(
            "kafleet_placement_cluster_heartbeat_age_seconds{application=\"placement-service\",cluster=\"member1\"}")
        .contains(
            "kafleet_placement_status_consumer_lag_records{application=\"placement-service\",topic=\""
                + topics.status("member1")
                + "\"}")
        .containsPattern(
            "(?m)^kafleet_placement_templates\\{application=\"placement-service\",health=\"Progressing\"} [1-9]")
        .as(
            "the Kafka clients' own metrics: the status binding's consumer, the decisions' producer")
        .containsPattern("(?m)^kafka_consumer_[a-z_]+\\{[^}]*client_id=\"consumer-[^\"]*-status-")
        .containsPattern(
            "(?m)^kafka_producer_[a-z_]+\\{[^}]*spring_id=\"placement-service.decisions")
        .containsPattern("(?m)^jvm_[a-z_]+\\{");
  }

  @Test
  void everyLineIsJsonAndAnApplysLinesCarryClusterObjectAndGeneration() throws Exception {
    String object = "networking.istio.io/Gateway/default/logs-gateway";
    assertThat(apply(gateway("logs-gateway")).statusCode()).isEqualTo(200);
    report(object, WorkPhase.Failed);

    List<JsonNode> lines =
        await("the apply's lines")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .until(
                PlacementOperationsIT::stdoutAsJson,
                logged ->
                    logged.stream().anyMatch(line -> carries(line, null, object, "1"))
                        && logged.stream().anyMatch(line -> carries(line, "member1", object, "1"))
                        && logged.stream()
                            .anyMatch(
                                line ->
                                    carries(line, "member1", object, "1")
                                        && String.valueOf(text(line, "message"))
                                            .contains("Failed")));
    assertThat(lines)
        .as("no line leaks the object's fields to lines about something else")
        .filteredOn(line -> String.valueOf(text(line, "message")).contains("leading the fleet"))
        .allSatisfy(line -> assertThat(line.has("object")).isFalse());
  }

  /** Every line of standard output, each parsed as JSON: a line that is not fails the test. */
  private static List<JsonNode> stdoutAsJson() {
    List<JsonNode> parsed = new ArrayList<>();
    List<String> lines = service.stdoutLines();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      try {
        JsonNode node = JSON.readTree(line);
        assertThat(node.isObject()).as("stdout line %d is a JSON object: %s", i + 1, line).isTrue();
        parsed.add(node);
      } catch (RuntimeException e) {
        throw new AssertionError("stdout line " + (i + 1) + " is not JSON: " + line, e);
      }
    }
    return parsed;
  }

  /** Whether the line carries these fields; a null cluster means the line names none. */
  private static boolean carries(JsonNode line, String cluster, String object, String generation) {
    boolean clusterMatches =
        cluster == null ? !line.has("cluster") : cluster.equals(text(line, "cluster"));
    return clusterMatches
        && object.equals(text(line, "object"))
        && generation.equals(text(line, "generation"));
  }

  /** The field's text; null when the line has no such field. */
  private static String text(JsonNode line, String field) {
    JsonNode value = line.get(field);
    return value == null ? null : value.asString();
  }

  private static String gateway(String name) throws IOException {
    return Files.readString(SharedScenarios.scenario("bookinfo").resolve("bookinfo-gateway.yaml"))
        .replace("name: bookinfo-gateway", "name: " + name);
  }

  private static HttpResponse<String> apply(String yaml) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(service.url("/api/v1/apply?source=ops")))
            .header("Authorization", "Bearer " + PlacementApp.OPERATOR_TOKEN)
            .header("Content-Type", "application/yaml")
            .POST(HttpRequest.BodyPublishers.ofString(yaml))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** member1's agent reports on the object's work. */
  private static void report(String objectKey, WorkPhase phase) throws Exception {
    WorkStatus report =
        WorkStatus.newBuilder()
            .setCluster("member1")
            .setObjectKey(objectKey)
            .setAppliedHash("not-the-current-hash")
            .setAppliedGeneration(1L)
            .setPhase(phase)
            .setHealth(Health.Unknown)
            .setMessage(phase == WorkPhase.Failed ? "admission webhook said no" : null)
            .setLiveSummary(Map.of())
            .setReportedAt(Instant.now())
            .build();
    Heartbeats.publish(
        broker,
        registry.url(),
        topics.status("member1"),
        objectKey,
        new StatusEvent("member1", report));
  }

  private static String scrape() throws Exception {
    HttpResponse<String> response = call("/actuator/prometheus", PlacementApp.VIEWER_TOKEN);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  /** The sample's value in the scrape; 0 when it is not there yet. */
  private static double value(String scrape, String sample) {
    Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(scrape);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  private static HttpResponse<String> call(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url(path)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
