package io.kafleet.devstack;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kafleet.agent.Agent;
import io.kafleet.agent.AgentServiceSettings;
import io.kafleet.agent.AgentSettings;
import io.kafleet.agent.Environment;
import io.kafleet.agent.HealthServer;
import io.kafleet.agent.metrics.AgentMetrics;
import io.kafleet.schemas.KafkaTopics;
import io.kafleet.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member cluster of the dev stack: a real kube-apiserver and etcd of its own (with Istio's
 * networking CRDs, as a mesh cluster has them) or, where those cannot be had, an {@link
 * InMemoryCluster} (fabric8's mock server, which only stores and reads back), and its propagation
 * agent, which talks only to Kafka and to that API server. The agent can be stopped and started
 * again while the API server keeps running, as when its pod is rescheduled. The agent's health port
 * (probes and metrics) is a free port of this machine, kept across the agent's restarts.
 */
public final class DevCluster implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DevCluster.class);

  private final String name;
  private final MemberApiServer apiServer;
  private final Environment agentEnvironment;
  private final Path kubeconfig;
  private final CurrentAgent current;
  private final HealthServer health;
  private final AgentMetrics metrics;

  private DevCluster(
      String name,
      MemberApiServer apiServer,
      Environment agentEnvironment,
      Path kubeconfig,
      CurrentAgent current,
      HealthServer health,
      AgentMetrics metrics) {
    this.name = name;
    this.apiServer = apiServer;
    this.agentEnvironment = agentEnvironment;
    this.kubeconfig = kubeconfig;
    this.current = current;
    this.health = health;
    this.metrics = metrics;
  }

  /**
   * The agent that runs, replaced on each start, null while stopped; what the probes ask about.
   * Written under the cluster's lock, read by the health server's thread.
   */
  private static final class CurrentAgent implements HealthServer.Probes {
    private volatile Agent agent;

    @Override
    public boolean live() {
      Agent running = agent;
      return running != null && running.live();
    }

    @Override
    public boolean ready() {
      Agent running = agent;
      return running != null && running.ready();
    }
  }

  /**
   * @param mock whether the member's API server is an {@link InMemoryCluster} instead of a real
   *     kube-apiserver and etcd
   */
  static DevCluster start(
      String name,
      Optional<String> region,
      Path stateDirectory,
      String bootstrapServers,
      String registryUrl,
      MemberJoin.AgentAccess access,
      boolean mock,
      ChildProcesses children) {
    MemberApiServer apiServer =
        mock ? new Mock(InMemoryCluster.start()) : Real.start(stateDirectory, children);
    try {
      Path kubeconfig = stateDirectory.resolve("clusters").resolve(name + ".kubeconfig");
      Files.createDirectories(kubeconfig.getParent());
      Files.writeString(kubeconfig, apiServer.kubeconfig());
      Map<String, String> variables = new HashMap<>();
      variables.put(AgentSettings.CLUSTER, name);
      variables.put(AgentSettings.BOOTSTRAP_SERVERS, bootstrapServers);
      variables.put(AgentSettings.SCHEMA_REGISTRY_URL, registryUrl);
      variables.put(AgentServiceSettings.LABELS, "env=dev,name=" + name);
      variables.put(AgentServiceSettings.HEARTBEAT_INTERVAL_MS, "2000");
      region.ifPresent(r -> variables.put(AgentServiceSettings.REGION, r));
      variables.putAll(access.kafkaVariables());
      variables.put(AgentSettings.SEALING_PRIVATE_KEY, access.sealingPrivateKey());
      Environment env = new Environment(variables);
      CurrentAgent current = new CurrentAgent();
      // One registry for the member, kept across agent restarts like its health port.
      AgentMetrics metrics = AgentMetrics.create(name);
      HealthServer health = HealthServer.start(0, current, metrics);
      DevCluster cluster =
          new DevCluster(name, apiServer, env, kubeconfig, current, health, metrics);
      try {
        cluster.startAgent();
      } catch (RuntimeException e) {
        health.close();
        metrics.close();
        throw e;
      }
      return cluster;
    } catch (IOException e) {
      apiServer.stop();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      apiServer.stop();
      throw e;
    }
  }

  private static KubernetesClient client(MemberApiServer apiServer) {
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(apiServer.kubeconfig()))
        .build();
  }

  /** The member's API server: a real one, or the in-memory stand-in. */
  private sealed interface MemberApiServer permits Real, Mock {
    String kubeconfig();

    void stop();
  }

  /**
   * A real kube-apiserver and etcd, listening on 127.0.0.1 only, recorded as children of the stack
   * while they run.
   */
  private record Real(KubeAPIServer server, ChildProcesses children, Set<Long> pids)
      implements MemberApiServer {

    static Real start(Path stateDirectory, ChildProcesses children) {
      KubeAPIServerConfigBuilder config =
          KubeAPIServerConfigBuilder.anAPIServerConfig()
              .withOfflineMode(true)
              .withApiServerVersion(KubernetesVersion.get())
              .withUpdateKubeConfig(false);
      LoopbackKubeBinaries.prepare(stateDirectory, KubernetesVersion.get())
          .ifPresent(directory -> config.withTestDir(directory.toString()));
      LoopbackKubeBinaries.API_SERVER_FLAGS.forEach(config::withApiServerFlag);
      KubeAPIServer server = new KubeAPIServer(config.build());
      Set<Long> pids = new HashSet<>();
      Real real = new Real(server, children, pids);
      try {
        pids.addAll(
            children.recordStartedDuring(
                Map.of(
                    LoopbackKubeBinaries.ETCD, "etcd",
                    LoopbackKubeBinaries.KUBE_APISERVER, "kube-apiserver"),
                server::start));
        try (KubernetesClient client = client(real)) {
          installIstioCrds(client);
        }
      } catch (IOException e) {
        throw real.stopAfter(new UncheckedIOException(e));
      } catch (RuntimeException e) {
        throw real.stopAfter(e);
      }
      return real;
    }

    /** Stops what a failed start left, keeping the failure as the error. */
    private RuntimeException stopAfter(RuntimeException failure) {
      try {
        stop();
      } catch (RuntimeException alsoFailed) {
        failure.addSuppressed(alsoFailed);
      }
      return failure;
    }

    @Override
    public String kubeconfig() {
      return server.getKubeConfigYaml();
    }

    @Override
    public void stop() {
      try {
        server.stop();
      } finally {
        pids.forEach(children::forget);
      }
    }
  }

  /** Its discovery serves the Istio networking kinds already: no CRDs to install. */
  private record Mock(InMemoryCluster server) implements MemberApiServer {

    @Override
    public String kubeconfig() {
      return server.kubeconfig();
    }

    @Override
    public void stop() {
      server.close();
    }
  }

  /** Whether this member's API server is the in-memory mock rather than a real kube-apiserver. */
  public boolean mock() {
    return apiServer instanceof Mock;
  }

  /** The kubeconfig file of this member's API server. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  public String name() {
    return name;
  }

  /** Whether the agent runs (it may still be in its start-up pass). */
  public synchronized boolean agentRunning() {
    return current.agent != null;
  }

  /**
   * The agent's health port as a URL ({@code http://localhost:PORT}): {@code /healthz}, {@code
   * /readyz} and {@code /metrics}, as {@code KAFLEET_HEALTH_PORT} serves them in a member.
   */
  public String healthUrl() {
    return "http://localhost:" + health.port();
  }

  /**
   * Starts the member's agent with a fresh API server client, as a restarted pod would: it catches
   * up on its works from Kafka and reports their status.
   *
   * @throws IllegalStateException when the agent already runs
   */
  public synchronized void startAgent() {
    if (current.agent != null) {
      throw new IllegalStateException("the agent of member cluster " + name + " already runs");
    }
    KubernetesClient client = client(apiServer);
    try {
      current.agent =
          Agent.start(
              AgentSettings.fromEnvironment(agentEnvironment), agentEnvironment, client, metrics);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    log.info("agent of member cluster {} started", name);
  }

  /**
   * Stops the member's agent (its consumer, heartbeats and queries); the API server keeps running
   * and keeps what was applied. Does nothing when the agent is already stopped.
   */
  public synchronized void stopAgent() {
    Agent running = current.agent;
    if (running != null) {
      current.agent = null;
      running.close();
      log.info("agent of member cluster {} stopped", name);
    }
  }

  /**
   * On a PLAINTEXT broker, where no join creates them, the member's topics: its execution space and
   * status topic, compacted, and its query topics.
   */
  static void createTopics(String cluster, Map<String, Object> adminConfig) {
    KafkaTopics.createMissing(
        adminConfig, KafkaTopics.memberTopics(Topics.DEFAULT, cluster, Optional.empty()));
  }

  private static void installIstioCrds(KubernetesClient client) throws IOException {
    try (InputStream crds = DevCluster.class.getResourceAsStream("istio-networking-crds.yaml")) {
      client.load(crds).serverSideApply();
    }
  }

  /**
   * Where the user's kubectl finds this member ({@code kubectl --kubeconfig <path>}) and, loudly,
   * when it is the mock.
   */
  String describe() {
    String where =
        String.format("Member %-10s kubectl --kubeconfig %s", name, kubeconfig)
            + System.lineSeparator()
            + String.format(
                "       %-10s agent metrics %s/metrics, probes %s/healthz %s/readyz",
                name, healthUrl(), healthUrl(), healthUrl());
    return apiServer instanceof Mock
        ? where
            + System.lineSeparator()
            + String.format("       %-10s %s", name, InMemoryCluster.DESCRIPTION)
        : where;
  }

  @Override
  public synchronized void close() {
    try {
      stopAgent();
    } finally {
      try {
        health.close();
        metrics.close();
      } finally {
        apiServer.stop();
      }
    }
  }
}
