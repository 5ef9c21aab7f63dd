package io.kafleet.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.Health;
import io.kafleet.events.RolloutProgress;
import io.kafleet.events.ShiftCompleted;
import io.kafleet.events.TrafficShiftRequested;
import io.kafleet.kafka.embedded.KafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.schemas.Topics;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Chaos scenario 4: traffic-service killed with SIGKILL mid-rollout, twice. Two instances run as
 * their own JVMs; the leader is killed while a step's shift waits for its clusters, and the standby
 * completes the rollout; then that instance, the only one left, is killed while a later shift
 * waits, and a fresh instance started on the same topics resumes at that step. Every step and wave
 * must be published exactly once (its shift command, its {@code StepStarted} and {@code
 * StepCompleted}, its shift's {@code ShiftCompleted}), and the weights end at 100% canary.
 *
 * <p>The test stands in for placement-service and the agents as {@code RolloutIT} does, and holds
 * back the shift of a chosen step, so that the kill lands while that shift is in flight.
 */
@ExtendWith(KafkaBrokerExtension.class)
class TrafficStandbyIT {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final String CANARY = "apps/Deployment/default/podinfo-green";
  private static final String ROLLOUT =
      """
      {"virtualService": {"namespace": "default", "name": "podinfo"},
       "stableSubset": "blue", "canarySubset": "green",
       "steps": [{"canaryWeight": 10, "pauseSeconds": 0}, {"canaryWeight": 30, "pauseSeconds": 0},
                 {"canaryWeight": 60, "pauseSeconds": 0}, {"canaryWeight": 100, "pauseSeconds": 0}],
       "waves": [["member1"], ["member2"]],
       "gates": {"requireCanaryHealthy": true, "stepTimeoutSeconds": 120},
       "requestedBy": "alice"}
      """;

  private KafkaBroker broker;
  private SchemaRegistryServer registry;
  private Topics topics;
  private FleetStandIn fleet;
  private String prefix;
  private Path logs;
  private Thread placement;
  private volatile boolean stopping;
  private final List<TrafficProcess> processes = new ArrayList<>();

  /** The weights each cluster's agent last read back, as "green=20,blue=80". */
  private final Map<String, String> live = new ConcurrentHashMap<>();

  /** The step and wave ("step 2 wave 0") whose shift the stand-in holds back, if any. */
  private final AtomicReference<String> holdBack = new AtomicReference<>();

  /** The held-back shift, once it arrived; rendered when {@link #holdBack} is cleared. */
  private final AtomicReference<TrafficShiftRequested> held = new AtomicReference<>();

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
    broker.createTopic(topics.trafficShifts(), 1, Map.of());
    fleet.podinfoOnBlue(List.of("member1", "member2"));
    for (String cluster : List.of("member1", "member2")) {
      fleet.deployment(cluster, CANARY, Health.Healthy);
    }
    logs = Files.createDirectories(Path.of("target", "traffic-standby-it", prefix));
    placement = new Thread(this::renderShifts, "placement-stand-in");
    placement.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (TrafficProcess process : processes) {
      process.close();
    }
    stopping = true;
    placement.join();
    fleet.close();
    registry.close();
  }

  @Test
  void theStandbyAndThenARestartResumeAKilledLeadersRolloutAtTheRightStep() throws Exception {
    holdBack.set("step 1 wave 1");
    TrafficProcess first = start("a");
    TrafficProcess second = start("b");
    TrafficProcess leader = awaitLeader(List.of(first, second));
    TrafficProcess standby = leader == first ? second : first;
    for (TrafficProcess instance : List.of(leader, standby)) {
      Awaitility.await(instance.name() + " ready: the leader rebuilt, the standby knowing it")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> status(instance, "/actuator/health/readiness") == 200);
    }

    assertThat(status(standby, "/api/v1/rollouts/none"))
        .as("the standby refuses the API while another instance leads")
        .isEqualTo(503);
    for (String list : List.of("/api/v1/virtualservices", "/api/v1/rollouts")) {
      assertThat(status(standby, list)).as("the standby refuses %s too", list).isEqualTo(503);
    }
    assertThat(
            ServiceHttp.json(ServiceHttp.get(standby.url("/api/v1/leadership")).body())
                .path("leader")
                .asBoolean())
        .isFalse();

    HttpResponse<String> started = ServiceHttp.postJson(leader.url("/api/v1/rollouts"), ROLLOUT);
    assertThat(started.statusCode()).as("POST %s", started.body()).isEqualTo(202);
    String id = ServiceHttp.json(started.body()).path("rolloutId").asString();

    // The leader published step 1's shift to member2 and waits for it: SIGKILL.
    awaitHeld("step 1 wave 1", leader);
    leader.kill();
    holdBack.set("step 3 wave 0");
    release();

    // The standby takes over, completes step 1 and goes on to step 3, which waits in turn.
    awaitHeld("step 3 wave 0", standby);
    assertThat(awaitLeader(List.of(standby))).isSameAs(standby);
    standby.kill();
    holdBack.set(null);
    release();

    // No standby left: the one instance, started again, resumes where it was killed.
    TrafficProcess restarted = start("a-again");
    awaitLeader(List.of(restarted));
    JsonNode done =
        ServiceHttp.await(
            restarted.url("/api/v1/rollouts/" + id),
            "completed",
            r -> !r.path("status").asString().equals("RUNNING"));
    assertThat(done.path("status").asString()).as("%s", done).isEqualTo("COMPLETED");

    List<String> stepsAndWaves = new ArrayList<>();
    for (int step = 0; step < 4; step++) {
      for (int wave = 0; wave < 2; wave++) {
        stepsAndWaves.add("step " + step + " wave " + wave);
      }
    }
    Map<String, Long> shiftsPerStep =
        committedShifts(id).stream()
            .collect(
                Collectors.groupingBy(
                    shift -> shift.getReason().substring(("rollout " + id + " ").length()),
                    TreeMap::new,
                    Collectors.counting()));
    assertThat(shiftsPerStep)
        .as("one shift command per step and wave, none skipped, none repeated")
        .containsOnlyKeys(stepsAndWaves)
        .allSatisfy((step, count) -> assertThat(count).as(step).isEqualTo(1L));

    List<String> expected = new ArrayList<>(List.of("Started"));
    int[] weights = {10, 30, 60, 100};
    for (int step = 0; step < 4; step++) {
      for (int wave = 0; wave < 2; wave++) {
        expected.add("StepStarted " + step + "/" + wave + " " + weights[step]);
        expected.add("StepCompleted " + step + "/" + wave + " " + weights[step]);
      }
    }
    expected.add("Completed");
    assertThat(progress(id)).containsExactlyElementsOf(expected);

    Map<String, Long> completionsPerShift =
        events().stream()
            .filter(event -> event.getPayload() instanceof ShiftCompleted)
            .collect(
                Collectors.groupingBy(
                    event -> ((ShiftCompleted) event.getPayload()).getShiftId(),
                    Collectors.counting()));
    assertThat(completionsPerShift)
        .as("each shift completed once")
        .hasSize(8)
        .allSatisfy((shift, count) -> assertThat(count).as(shift).isEqualTo(1L));
    assertThat(new TreeMap<>(live))
        .containsExactly(
            Map.entry("member1", "green=100,blue=0"), Map.entry("member2", "green=100,blue=0"));
  }

  private TrafficProcess start(String name) throws Exception {
    TrafficProcess process =
        TrafficProcess.start(
            name,
            broker,
            registry.url(),
            prefix,
            logs.resolve(name + ".log"),
            // The broker's least: a killed leader's lead passes on this soon.
            "--kafleet.leadership.session-timeout=6s");
    processes.add(process);
    return process;
  }

  /** The one of {@code candidates} that says it leads, and knows rollouts (404 for an unknown). */
  private TrafficProcess awaitLeader(List<TrafficProcess> candidates) {
    return Awaitility.await("a leader among " + names(candidates))
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              for (TrafficProcess candidate : candidates) {
                assertThat(candidate.isAlive())
                    .as("%s is running; its log:\n%s", candidate.name(), candidate.logText())
                    .isTrue();
                if (status(candidate, "/api/v1/leadership") == 200
                    && ServiceHttp.json(ServiceHttp.get(candidate.url("/api/v1/leadership")).body())
                        .path("leader")
                        .asBoolean()
                    && status(candidate, "/api/v1/rollouts/none") == 404) {
                  return candidate;
                }
              }
              return null;
            },
            leader -> leader != null);
  }

  /** Waits until the held-back step's shift has arrived: {@code by} published it. */
  private void awaitHeld(String stepAndWave, TrafficProcess by) {
    Awaitility.await(by.name() + " publishing the shift of " + stepAndWave)
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              assertThat(by.isAlive())
                  .as("%s is running; its log:\n%s", by.name(), by.logText())
                  .isTrue();
              TrafficShiftRequested shift = held.get();
              assertThat(shift).isNotNull();
              assertThat(shift.getReason()).endsWith(stepAndWave);
            });
  }

  /** Lets the stand-in render the held-back shift. */
  private void release() {
    TrafficShiftRequested shift = held.getAndSet(null);
    if (shift != null) {
      render(shift);
    }
  }

  private static int status(TrafficProcess process, String path) throws Exception {
    try {
      return ServiceHttp.get(process.url(path)).statusCode();
    } catch (IOException notListeningYet) {
      return -1;
    }
  }

  private static String names(List<TrafficProcess> processes) {
    return processes.stream().map(TrafficProcess::name).collect(Collectors.joining(", "));
  }

  /** As placement-service and the agents: every shift lands in its clusters as asked. */
  private void renderShifts() {
    try (KafkaConsumer<String, TrafficShiftRequested> shifts =
        fleet.follow(topics.trafficShifts())) {
      while (!stopping) {
        for (ConsumerRecord<String, TrafficShiftRequested> record :
            shifts.poll(Duration.ofMillis(100))) {
          String hold = holdBack.get();
          if (hold != null && record.value().getReason().endsWith(hold)) {
            held.set(record.value());
          } else {
            render(record.value());
          }
        }
      }
    }
  }

  private void render(TrafficShiftRequested shift) {
    String document = PodinfoDocuments.virtualService(shift.getWeights().getDestinations());
    List<String> clusters =
        shift.getClusters().isEmpty() ? List.of("member1", "member2") : shift.getClusters();
    try {
      for (String cluster : clusters) {
        fleet.work(cluster, 1, "hash-" + shift.getShiftId(), document);
        fleet.applied(cluster, 1, "hash-" + shift.getShiftId(), document);
        live.put(cluster, PodinfoDocuments.weights(shift.getWeights().getDestinations()));
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private List<TrafficShiftRequested> committedShifts(String rolloutId) {
    return fleet.<TrafficShiftRequested>readAll(topics.trafficShifts()).stream()
        .map(ConsumerRecord::value)
        .filter(shift -> rolloutId.equals(shift.getRolloutId()))
        .toList();
  }

  private List<FleetEvent> events() {
    return fleet.<FleetEvent>readAll(topics.trafficEvents()).stream()
        .map(ConsumerRecord::value)
        .toList();
  }

  private List<String> progress(String id) {
    return events().stream()
        .filter(event -> id.equals(event.getCorrelationId()))
        .map(FleetEvent::getPayload)
        .filter(RolloutProgress.class::isInstance)
        .map(RolloutProgress.class::cast)
        .map(PodinfoDocuments::describe)
        .toList();
  }
}
