package io.kafleet.cli;

import static io.kafleet.cli.FleetEvents.AT;
import static io.kafleet.cli.FleetEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.FleetEvent;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.schemas.Topics;
import io.kafleet.serde.KafleetAvroSerializer;
import io.kafleet.serde.SerdeConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(KafkaBrokerExtension.class)
class EventsCommandIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static EmbeddedKafkaBroker broker;
  private static SchemaRegistryServer registry;

  @BeforeAll
  static void startRegistry(EmbeddedKafkaBroker sharedBroker, TestTopics topics) {
    broker = sharedBroker;
    registry =
        SchemaRegistryServer.start(
            RegistrySettings.of(broker.bootstrapServers()).withTopic(topics.name("_schemas")));
  }

  @AfterAll
  static void stopRegistry() {
    registry.close();
  }

  @Test
  void printsTheEventsOfBothTopicsDecodedOldestFirstAndSkipsWhatIsNoEvent(TestTopics prefix) {
    Topics topics = createdTopics(prefix);
    produce(
        topics.trafficEvents(), event("e2", AT.plusSeconds(2), FleetEvents.converged("member1")));
    produce(topics.placementEvents(), event("e1", AT, FleetEvents.templateStatus()));
    produceRaw(topics.placementEvents(), "not avro".getBytes(StandardCharsets.UTF_8));

    CliRun json = run(prefix, "events", "-o", "json");
    CliRun table = run(prefix, "events");

    assertThat(json.exitCode()).as("exit code, seen %s", json).isZero();
    List<JsonNode> lines = json.out().lines().map(JSON::readTree).toList();
    assertThat(lines).extracting(l -> l.path("eventId").asString()).containsExactly("e1", "e2");
    assertThat(lines.get(0).path("type").asString()).isEqualTo("TemplateStatusChanged");
    assertThat(lines.get(1).path("payload").path("state").asString()).isEqualTo("Converged");
    assertThat(lines.get(1).path("payload").path("observed").path("destinations").get(0).toString())
        .isEqualTo("{\"host\":\"podinfo\",\"subset\":\"green\",\"port\":null,\"weight\":80}");
    assertThat(json.err())
        .as("stderr of events, seen:%n%s", json.err())
        .startsWith("warning: skipped " + topics.placementEvents() + "-0@1: ")
        .contains("magic byte");
    assertThat(table.out())
        .startsWith(FleetEventText.header() + "\n")
        .contains("TemplateStatusChanged  deployment/default/podinfo-green")
        .contains("ShiftProgress          default/podinfo                 member1 Converged");
  }

  @Test
  void followSinceBeginningPrintsNewEventsUntilInterrupted(TestTopics prefix) throws Exception {
    Topics topics = createdTopics(prefix);
    produce(topics.trafficEvents(), event("before", AT, FleetEvents.completed()));
    StringWriter out = new StringWriter();
    AtomicInteger exitCode = new AtomicInteger(-1);
    CommandLine cli = KafleetCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));
    Thread follower =
        new Thread(
            () ->
                exitCode.set(
                    cli.execute(
                        withConnection(
                            prefix, "events", "--follow", "--since-beginning", "-o", "json"))),
            "events-follower");
    follower.start();
    try {
      await("the event already there", () -> out.toString().contains("\"before\""));
      produce(
          topics.placementEvents(), event("after", AT.plusSeconds(5), FleetEvents.clusterReady()));
      await("the new event", () -> out.toString().contains("\"after\""));
    } finally {
      follower.interrupt();
      follower.join(WAIT.toMillis());
    }

    assertThat(follower.isAlive()).as("follower still running after the interrupt").isFalse();
    assertThat(exitCode.get()).as("exit code of events --follow, output:%n%s", out).isZero();
    assertThat(out.toString().lines().map(l -> JSON.readTree(l).path("eventId").asString()))
        .containsExactly("before", "after");
  }

  @Test
  void anUnreachableBrokerFailsWithinTheTimeoutNamingIt() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    CommandLine cli = KafleetCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));

    int exitCode =
        cli.execute("events", "--bootstrap-servers=127.0.0.1:" + port, "--request-timeout=2s");

    assertThat(exitCode).as("exit code, stderr %s", err).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "error: cannot reach Kafka at 127.0.0.1:"
                + port
                + ": no answer within 2s (set --bootstrap-servers or KAFLEET_BOOTSTRAP_SERVERS)\n");
    assertThat(out.toString()).isEmpty();
  }

  /** The two event topics under the test's prefix; traffic's with two partitions, as may be. */
  private static Topics createdTopics(TestTopics prefix) {
    Topics topics = new Topics(prefix.prefix());
    broker.createTopic(topics.placementEvents(), 1, Map.of());
    broker.createTopic(topics.trafficEvents(), 2, Map.of());
    return topics;
  }

  private static CliRun run(TestTopics prefix, String... args) {
    return CliRun.of(withConnection(prefix, args));
  }

  private static String[] withConnection(TestTopics prefix, String... args) {
    String[] all = new String[args.length + 3];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--bootstrap-servers=" + broker.bootstrapServers();
    all[args.length + 1] = "--schema-registry=" + registry.url();
    all[args.length + 2] = "--topic-prefix=" + prefix.prefix();
    return all;
  }

  private static void produce(String topic, FleetEvent event) {
    Map<String, Object> config = broker.clientConfig();
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafleetAvroSerializer.class);
    config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
    try (var producer = new KafkaProducer<String, FleetEvent>(config)) {
      producer.send(new ProducerRecord<>(topic, event.getEventId(), event)).get();
    } catch (Exception e) {
      throw new AssertionError("producing " + event.getEventId() + " to " + topic + " failed", e);
    }
  }

  private static void produceRaw(String topic, byte[] value) {
    Map<String, Object> config = broker.clientConfig();
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    try (var producer = new KafkaProducer<byte[], byte[]>(config)) {
      producer.send(new ProducerRecord<>(topic, value)).get();
    } catch (Exception e) {
      throw new AssertionError("producing raw bytes to " + topic + " failed", e);
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Awaitility.await(what)
        .atMost(WAIT)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(100))
        .until(condition::getAsBoolean);
  }
}
