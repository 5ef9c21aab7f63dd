package io.kafleet.bench.peer;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kafleet.agent.Agent;
import io.kafleet.agent.AgentServiceSettings;
import io.kafleet.agent.AgentSettings;
import io.kafleet.agent.HealthServer;
import io.kafleet.bench.ChildAgent;
import io.kafleet.kafka.embedded.BrokerSettings;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.placement.PlacementServiceApplication;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.schemas.KafkaTopics;
import io.kafleet.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClientConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * kafleet as an operator runs it, every part its own process: the broker, the schema registry,
 * placement-service, and one agent per member, the members being API servers identical to Karmada's
 * (bench/peer/members.sh). traffic-service is not started: Karmada has no counterpart.
 */
final class KafleetPeer implements PeerSystem {

  /** The placement-service JVM's options: the default collector, a heap cap of 1 GiB. */
  private static final List<String> PLACEMENT_JVM = List.of("-Xmx1g");

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TOKEN = UUID.randomUUID().toString();

  private final Path state;
  private final EmbeddedKafkaBroker broker;
  private final Process registry;
  private final String registryUrl;
  private final int placementPort;
  private Process placement;
  private final Map<String, Process> agents = new LinkedHashMap<>();
  private final Map<String, KubernetesClient> members = new LinkedHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private KafleetPeer(Path state, EmbeddedKafkaBroker broker, Process registry, int registryPort) {
    this.state = state;
    this.broker = broker;
    this.registry = registry;
    this.registryUrl = "http://127.0.0.1:" + registryPort;
    this.placementPort = freePort();
  }

  static KafleetPeer start(PeerSettings settings) {
    Path state = settings.state().toAbsolutePath().resolve("kafleet");
    Processes.createDirectories(state.resolve("logs"));
    Processes.script(
        state.resolve("members.log"),
        "bash",
        "bench/peer/members.sh",
        "--state",
        state.toString(),
        "--members",
        String.valueOf(settings.members()));
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(BrokerSettings.in(state.resolve("kafka")));
    int registryPort = freePort();
    Process registry =
        Processes.java(
            List.of("-Xmx128m"),
            SchemaRegistryServer.class.getName(),
            List.of("--bootstrap-servers", broker.bootstrapServers(), "--port", "" + registryPort),
            Map.of(),
            state.resolve("logs/registry.log"));
    KafleetPeer peer = new KafleetPeer(state, broker, registry, registryPort);
    try {
      peer.startPlacement();
      for (String member : settings.memberNames()) {
        peer.startMember(member);
      }
      peer.awaitClustersReady(settings.memberNames());
      return peer;
    } catch (RuntimeException e) {
      peer.close();
      throw e;
    }
  }

  private void startPlacement() {
    placement =
        Processes.java(
            PLACEMENT_JVM,
            PlacementServiceApplication.class.getName(),
            List.of(
                "--server.port=" + placementPort,
                "--kafleet.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--kafleet.schema-registry.url=" + registryUrl,
                "--kafleet.clusters.auto-accept=true",
                "--kafleet.security.static-tokens[0].name=peer",
                "--kafleet.security.static-tokens[0].role=admin",
                "--kafleet.security.static-tokens[0].token=" + TOKEN,
                "--logging.level.io.kafleet=WARN"),
            Map.of(),
            state.resolve("logs/placement-service.log"));
  }

  private void startMember(String member) {
    KafkaTopics.createMissing(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        KafkaTopics.memberTopics(Topics.DEFAULT, member, Optional.empty()));
    Path kubeconfig = state.resolve("kafleet-" + member + ".kubeconfig");
    Map<String, String> environment =
        Map.of(
            AgentSettings.CLUSTER,
            member,
            AgentSettings.BOOTSTRAP_SERVERS,
            broker.bootstrapServers(),
            AgentSettings.SCHEMA_REGISTRY_URL,
            registryUrl,
            AgentServiceSettings.HEARTBEAT_INTERVAL_MS,
            "2000",
            HealthServer.PORT,
            String.valueOf(freePort()),
            "KUBECONFIG",
            kubeconfig.toString());
    agents.put(
        member,
        Processes.java(
            ChildAgent.JVM_OPTIONS,
            Agent.class.getName(),
            List.of(),
            environment,
            state.resolve("logs/agent-kafleet-" + member + ".log")));
    members.put(member, client(kubeconfig));
  }

  static KubernetesClient client(Path kubeconfig) {
    try {
      return new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitClustersReady(List<String> names) {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (!leads() || readyClusters() < names.size()) {
      agents.forEach(
          (member, agent) -> {
            if (!agent.isAlive()) {
              Path log = state.resolve("logs/agent-kafleet-" + member + ".log");
              throw new IllegalStateException(
                  "the agent of " + member + " exited:\n" + Processes.tail(log));
            }
          });
      if (System.nanoTime() > deadline || !placement.isAlive()) {
        throw new IllegalStateException(
            "kafleet's members did not all become ready; see " + state.resolve("logs"));
      }
      pause(200);
    }
  }

  private boolean leads() {
    try {
      HttpResponse<String> response = http.send(get("/api/v1/leadership"), ofString());
      return response.statusCode() == 200
          && JSON.readTree(response.body()).path("leader").asBoolean(false);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private long readyClusters() {
    try {
      HttpResponse<String> response = http.send(get("/api/v1/clusters"), ofString());
      if (response.statusCode() != 200) {
        return 0;
      }
      long ready = 0;
      for (JsonNode cluster : JSON.readTree(response.body())) {
        if (cluster.path("ready").asBoolean(false) && cluster.path("accepted").asBoolean(false)) {
          ready++;
        }
      }
      return ready;
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public String name() {
    return "kafleet";
  }

  @Override
  public Map<String, KubernetesClient> members() {
    return members;
  }

  /** One apply request with every document, as {@code kafleet apply -f} sends a file. */
  @Override
  public long submit(List<String> documents) {
    HttpRequest request = apply(documents);
    long sent = System.nanoTime();
    HttpResponse<String> response = send(request);
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "kafleet's apply answered " + response.statusCode() + ": " + response.body());
    }
    return sent;
  }

  @Override
  public long restartControlPlane() {
    Processes.stop(placement.pid());
    long started = System.nanoTime();
    startPlacement();
    return started;
  }

  @Override
  public void submitWhenAccepted(String document) {
    HttpRequest request = apply(List.of(document));
    while (true) {
      try {
        HttpResponse<String> response = http.send(request, ofString());
        if (response.statusCode() / 100 == 2) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      if (!placement.isAlive()) {
        throw new IllegalStateException(
            "placement-service exited; see " + state.resolve("logs/placement-service.log"));
      }
      pause(20);
    }
  }

  @Override
  public Map<String, Long> controlPlaneProcesses() {
    Map<String, Long> processes = new LinkedHashMap<>();
    processes.put("kafka broker", broker.pid());
    processes.put("schema registry", registry.pid());
    processes.put("placement-service", placement.pid());
    return processes;
  }

  @Override
  public long agentPid() {
    return agents.values().iterator().next().pid();
  }

  private HttpRequest apply(List<String> documents) {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + placementPort + "/api/v1/apply?source=peer"))
        .header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/yaml")
        .timeout(Duration.ofMinutes(5))
        .POST(HttpRequest.BodyPublishers.ofString(String.join("---\n", documents)))
        .build();
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + placementPort + path))
        .header("Authorization", "Bearer " + TOKEN)
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    members.values().forEach(KubernetesClient::close);
    List<Process> processes = new ArrayList<>(agents.values());
    if (placement != null) {
      processes.add(placement);
    }
    processes.add(registry);
    processes.forEach(process -> Processes.stop(process.pid()));
    broker.close();
    Processes.script(
        state.resolve("members.log"), "bash", "bench/peer/down.sh", "--state", state.toString());
  }
}
