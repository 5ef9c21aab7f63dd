package io.kafleet.e2e.chaos;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kafleet.agent.AgentServiceSettings;
import io.kafleet.agent.AgentSettings;
import io.kafleet.agent.HealthServer;
import io.kafleet.e2e.ApiCalls;
import io.kafleet.kafka.embedded.BrokerSettings;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.placement.PlacementServiceApplication;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.schemas.KafkaTopics;
import io.kafleet.schemas.Topics;
import io.kafleet.serde.KafleetAvroDeserializer;
import io.kafleet.serde.SerdeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The fleet the chaos scenarios break: a real broker (a child JVM), the schema registry,
 * placement-service in its own JVM, and two members, each a real kube-apiserver and etcd with its
 * agent in its own JVM. Every process a scenario kills is a separate process killed from outside
 * with SIGKILL; the shipped code has no hook for it.
 */
final class ChaosFleet implements AutoCloseable {

  static final List<String> MEMBERS = List.of("member1", "member2");

  /** How long a scenario waits for the fleet before it fails; never a pass condition. */
  static final Duration PATIENCE = Duration.ofMinutes(4);

  static final String ADMIN_TOKEN = "chaos-admin-token";

  /** Small heaps, C1 only: these JVMs start often and share two cores with the rest. */
  private static final List<String> JVM_OPTIONS =
      List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final ApiCalls api = ApiCalls.plain();
  private final int placementPort;
  private final Map<String, FleetMember> members = new LinkedHashMap<>();
  private EmbeddedKafkaBroker broker;
  private SchemaRegistryServer registry;
  private ChildJvm placement;
  private int placementStarts;
  private boolean closed;

  private ChaosFleet(Path dir, int placementPort) {
    this.dir = dir;
    this.placementPort = placementPort;
  }

  static ChaosFleet start() {
    ChaosFleet fleet;
    try {
      fleet = new ChaosFleet(Files.createTempDirectory("kafleet-chaos"), freePort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The processes are not this JVM's children in the JVM's sense: end them if it ends first.
    Runtime.getRuntime().addShutdownHook(new Thread(fleet::close, "chaos-fleet-stop"));
    try {
      fleet.broker = EmbeddedKafkaBroker.start(BrokerSettings.in(fleet.dir.resolve("kafka")));
      fleet.registry =
          SchemaRegistryServer.start(RegistrySettings.of(fleet.broker.bootstrapServers()));
      fleet.startPlacement();
      for (String name : MEMBERS) {
        KafkaTopics.createMissing(
            fleet.broker.adminClientProperties(),
            KafkaTopics.memberTopics(Topics.DEFAULT, name, Optional.empty()));
        fleet.members.put(name, FleetMember.start(fleet, name));
      }
      fleet.awaitMembersReady();
      return fleet;
    } catch (RuntimeException | Error e) {
      fleet.close();
      throw e;
    }
  }

  Path logs() {
    return Path.of("target", "chaos-logs");
  }

  // ---- the broker

  EmbeddedKafkaBroker broker() {
    return broker;
  }

  /** SIGKILL to the broker. */
  void killBroker() {
    broker.kill();
  }

  /** The killed broker again, on the same ports with the same log directory. */
  void restartBroker() {
    broker = EmbeddedKafkaBroker.start(broker.settings());
  }

  // ---- placement-service

  /** Starts placement-service in its own JVM on the fleet's port and waits until it leads. */
  void startPlacement() {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--server.port=" + placementPort,
                "--kafleet.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--kafleet.schema-registry.url=" + registry.url(),
                "--kafleet.security.static-tokens[0].name=chaos-admin",
                "--kafleet.security.static-tokens[0].role=admin",
                "--kafleet.security.static-tokens[0].token=" + ADMIN_TOKEN,
                "--kafleet.clusters.auto-accept=true",
                // Readiness comes from the agents' Ready condition, not from silence.
                "--kafleet.clusters.heartbeat-interval=1h",
                // The broker's least: a killed leader's successor waits for no longer.
                "--kafleet.leadership.session-timeout=6s"));
    placementStarts++;
    placement =
        ChildJvm.start(
            "placement-service",
            PlacementServiceApplication.class.getName(),
            JVM_OPTIONS,
            arguments,
            Map.of(),
            logs().resolve("placement-" + placementStarts + ".log"));
    await("placement-service leading (" + placement + ")")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(
            () -> {
              if (!placement.alive()) {
                throw new AssertionError(
                    "placement-service exited; its log ends:\n" + placement.logTail(60));
              }
              return get("/api/v1/leadership").body().contains("\"leader\":true");
            });
  }

  ChildJvm placement() {
    return placement;
  }

  /** SIGKILL to placement-service; returns its exit code. */
  int killPlacement() {
    return placement.kill();
  }

  // ---- members

  FleetMember member(String name) {
    return members.get(name);
  }

  List<FleetMember> members() {
    return List.copyOf(members.values());
  }

  private void awaitMembersReady() {
    await("both members accepted and ready in placement-service")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> MEMBERS.stream().allMatch(name -> clusterReady(name).orElse(false)));
  }

  /** Whether placement-service has the cluster Ready; empty while it does not know it. */
  Optional<Boolean> clusterReady(String cluster) {
    try {
      HttpResponse<String> response = get("/api/v1/clusters/" + cluster);
      if (response.statusCode() != 200) {
        return Optional.empty();
      }
      JsonNode status = JSON.readTree(response.body());
      return Optional.of(status.path("accepted").asBoolean() && status.path("ready").asBoolean());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cluster as placement-service shows it, for messages. */
  String clusterStatus(String cluster) {
    return get("/api/v1/clusters/" + cluster).body();
  }

  // ---- the API

  HttpResponse<String> apply(String yaml) {
    return api.post(url("/api/v1/apply"), ADMIN_TOKEN, "application/yaml", yaml);
  }

  /** The apply sent now; its answer comes later, or never when placement-service is killed. */
  java.util.concurrent.CompletableFuture<HttpResponse<String>> applyAsync(String yaml) {
    return api.postAsync(url("/api/v1/apply"), ADMIN_TOKEN, "application/yaml", yaml);
  }

  HttpResponse<String> get(String path) {
    return api.get(url(path), ADMIN_TOKEN);
  }

  String url(String path) {
    return "http://127.0.0.1:" + placementPort + path;
  }

  // ---- what Kafka holds

  /**
   * The topic read from its start to its end as a read_committed consumer sees it (what a
   * transaction committed): each key's latest value, null for a tombstone.
   */
  <T> Map<String, T> latest(String topic, Class<T> type) {
    Map<String, T> latest = new LinkedHashMap<>();
    for (ConsumerRecord<String, Object> record : readAll(topic)) {
      latest.put(record.key(), record.value() == null ? null : type.cast(record.value()));
    }
    return latest;
  }

  /** Every record of the topic, oldest first, as a read_committed consumer sees them. */
  List<ConsumerRecord<String, Object>> readAll(String topic) {
    Map<String, Object> config = new HashMap<>(broker.adminClientProperties());
    config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafleetAvroDeserializer.class);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<String, Object>> records = new ArrayList<>();
    try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      await("reading " + topic + " to its end")
          .atMost(PATIENCE)
          .pollDelay(Duration.ZERO)
          .pollInSameThread()
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return partitions.stream()
                    .allMatch(partition -> consumer.position(partition) >= end.get(partition));
              });
    }
    return records;
  }

  /** Where placement-service keeps the templates (the fleet's source of truth). */
  String templatesTopic() {
    return Topics.DEFAULT.templates();
  }

  String registryUrl() {
    return registry.url();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    members.values().forEach(FleetMember::close);
    if (placement != null) {
      placement.close();
    }
    if (registry != null) {
      registry.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A member cluster: its kube-apiserver and etcd, and its agent in its own JVM. */
  static final class FleetMember implements AutoCloseable {

    private final ChaosFleet fleet;
    private final String name;
    private final RestartableApiServer apiServer;
    private final Map<String, String> agentEnvironment;
    private ChildJvm agent;
    private int agentStarts;

    private FleetMember(
        ChaosFleet fleet,
        String name,
        RestartableApiServer apiServer,
        Map<String, String> agentEnvironment) {
      this.fleet = fleet;
      this.name = name;
      this.apiServer = apiServer;
      this.agentEnvironment = agentEnvironment;
    }

    static FleetMember start(ChaosFleet fleet, String name) {
      RestartableApiServer apiServer =
          RestartableApiServer.start(name, fleet.logs().resolve(name + "-apiserver.log"));
      try {
        Path kubeconfig = fleet.dir.resolve(name + ".kubeconfig");
        Files.writeString(kubeconfig, apiServer.kubeconfig());
        Map<String, String> env = new HashMap<>();
        env.put(AgentSettings.CLUSTER, name);
        env.put(AgentSettings.BOOTSTRAP_SERVERS, fleet.broker.bootstrapServers());
        env.put(AgentSettings.SCHEMA_REGISTRY_URL, fleet.registry.url());
        env.put(AgentSettings.RETRY_INITIAL_BACKOFF_MS, "500");
        env.put(AgentSettings.RETRY_MAX_BACKOFF_MS, "2000");
        env.put(AgentServiceSettings.LABELS, "env=chaos,name=" + name);
        env.put(AgentServiceSettings.HEARTBEAT_INTERVAL_MS, "1000");
        env.put(HealthServer.PORT, String.valueOf(freePort()));
        env.put("KUBECONFIG", kubeconfig.toString());
        FleetMember member = new FleetMember(fleet, name, apiServer, env);
        member.startAgent();
        return member;
      } catch (IOException e) {
        apiServer.close();
        throw new UncheckedIOException(e);
      } catch (RuntimeException e) {
        apiServer.close();
        throw e;
      }
    }

    String name() {
      return name;
    }

    RestartableApiServer apiServer() {
      return apiServer;
    }

    KubernetesClient client() {
      return apiServer.client();
    }

    String executionSpace() {
      return Topics.DEFAULT.executionSpace(name);
    }

    String statusTopic() {
      return Topics.DEFAULT.status(name);
    }

    void startAgent() {
      agentStarts++;
      agent =
          ChildJvm.start(
              "agent of " + name,
              io.kafleet.agent.Agent.class.getName(),
              List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"),
              List.of(),
              agentEnvironment,
              fleet.logs().resolve(name + "-agent-" + agentStarts + ".log"));
    }

    ChildJvm agent() {
      return agent;
    }

    @Override
    public void close() {
      if (agent != null) {
        agent.close();
      }
      apiServer.close();
    }
  }
}
