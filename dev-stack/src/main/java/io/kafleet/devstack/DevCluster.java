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

/**
 * One member cluster of the dev stack: a real kube-apiserver and etcd of its own (with Istio's
 * networking CRDs, as a mesh cluster has them), and its propagation agent, which talks only to
 * Kafka and to that API server.
 */
final class DevCluster implements AutoCloseable {

  private final String name;
  private final KubeAPIServer apiServer;
  private final Agent agent;
  private final Path kubeconfig;

  private DevCluster(String name, KubeAPIServer apiServer, Agent agent, Path kubeconfig) {
    this.name = name;
    this.apiServer = apiServer;
    this.agent = agent;
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
      KubernetesClient client =
          new KubernetesClientBuilder()
              .withConfig(Config.fromKubeconfig(apiServer.getKubeConfigYaml()))
              .build();
      installIstioCrds(client);
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
      return new DevCluster(
          name,
          apiServer,
          Agent.start(AgentSettings.fromEnvironment(env), env, client),
          kubeconfig);
    } catch (IOException e) {
      apiServer.stop();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      apiServer.stop();
      throw e;
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
  public void close() {
    try {
      agent.close();
    } finally {
      apiServer.stop();
    }
  }
}
