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
import io.kafleet.schemas.KafkaTopics;
import io.kafleet.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member cluster of the dev stack: a real kube-apiserver and etcd of its own (with Istio's
 * networking CRDs, as a mesh cluster has them), and its propagation agent, which talks only to
 * Kafka and to that API server. The agent can be stopped and started again while the API server
 * keeps running, as when its pod is rescheduled.
 */
public final class DevCluster implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DevCluster.class);

  private final String name;
  private final KubeAPIServer apiServer;
  private final Environment agentEnvironment;
  private final Path kubeconfig;
  // Replaced on each start; null while the agent is stopped.
  private Agent agent;

  private DevCluster(
      String name, KubeAPIServer apiServer, Environment agentEnvironment, Path kubeconfig) {
    this.name = name;
    this.apiServer = apiServer;
    this.agentEnvironment = agentEnvironment;
    this.kubeconfig = kubeconfig;
  }

  static DevCluster start(
      String name, Path stateDirectory, String bootstrapServers, String registryUrl) {
    createTopics(name, bootstrapServers);
    KubeAPIServer apiServer =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withOfflineMode(true)
                .withApiServerVersion(KubernetesVersion.get())
                .withUpdateKubeConfig(false)
                .build());
    apiServer.start();
    try {
      try (KubernetesClient client = client(apiServer)) {
        installIstioCrds(client);
      }
      Path kubeconfig = stateDirectory.resolve("clusters").resolve(name + ".kubeconfig");
      Files.createDirectories(kubeconfig.getParent());
      Files.writeString(kubeconfig, apiServer.getKubeConfigYaml());
      Environment env =
          new Environment(
              Map.of(
                  AgentSettings.CLUSTER, name,
                  AgentSettings.BOOTSTRAP_SERVERS, bootstrapServers,
                  AgentSettings.SCHEMA_REGISTRY_URL, registryUrl,
                  AgentServiceSettings.LABELS, "env=dev,name=" + name,
                  AgentServiceSettings.HEARTBEAT_INTERVAL_MS, "2000"));
      DevCluster cluster = new DevCluster(name, apiServer, env, kubeconfig);
      cluster.startAgent();
      return cluster;
    } catch (IOException e) {
      apiServer.stop();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      apiServer.stop();
      throw e;
    }
  }

  private static KubernetesClient client(KubeAPIServer apiServer) {
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(apiServer.getKubeConfigYaml()))
        .build();
  }

  public String name() {
    return name;
  }

  /** Whether the agent runs (it may still be in its start-up pass). */
  public synchronized boolean agentRunning() {
    return agent != null;
  }

  /**
   * Starts the member's agent with a fresh API server client, as a restarted pod would: it catches
   * up on its works from Kafka and reports their status.
   *
   * @throws IllegalStateException when the agent already runs
   */
  public synchronized void startAgent() {
    if (agent != null) {
      throw new IllegalStateException("the agent of member cluster " + name + " already runs");
    }
    KubernetesClient client = client(apiServer);
    try {
      agent =
          Agent.start(AgentSettings.fromEnvironment(agentEnvironment), agentEnvironment, client);
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
    if (agent != null) {
      agent.close();
      agent = null;
      log.info("agent of member cluster {} stopped", name);
    }
  }

  /**
   * Joining a cluster creates its topics (the broker creates none by itself): its execution space
   * and status topic, compacted, and its query topics.
   */
  private static void createTopics(String cluster, String bootstrapServers) {
    Topics topics = Topics.DEFAULT;
    Map<String, String> compact =
        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    List<NewTopic> wanted =
        List.of(
            new NewTopic(topics.executionSpace(cluster), 1, (short) 1).configs(compact),
            new NewTopic(topics.status(cluster), 1, (short) 1).configs(compact),
            new NewTopic(topics.query(cluster), 1, (short) 1),
            new NewTopic(topics.queryReply(cluster), 1, (short) 1));
    KafkaTopics.createMissing(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), wanted);
  }

  private static void installIstioCrds(KubernetesClient client) throws IOException {
    try (InputStream crds = DevCluster.class.getResourceAsStream("istio-networking-crds.yaml")) {
      client.load(crds).serverSideApply();
    }
  }

  /** Where the user's kubectl finds this member: {@code kubectl --kubeconfig <path>}. */
  String describe() {
    return String.format("Member %-10s kubectl --kubeconfig %s", name, kubeconfig);
  }

  @Override
  public synchronized void close() {
    try {
      stopAgent();
    } finally {
      apiServer.stop();
    }
  }
}
