package io.kafleet.agent.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kafleet.agent.StatusTopics;
import io.kafleet.agent.metrics.AgentMetrics;
import io.kafleet.events.ClusterCondition;
import io.kafleet.events.ClusterHeartbeat;
import io.kafleet.events.ConditionStatus;
import io.kafleet.events.StatusEvent;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.schemas.Topics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A heartbeat publisher on a real kube-apiserver with two nodes and a few pods: what it puts on the
 * status topic reads back, through the registry, with the cluster's real figures; when the API
 * server goes away the heartbeats go on, not Ready, with the last known figures.
 */
@ExtendWith(KafkaBrokerExtension.class)
class HeartbeatPublisherIT {

  private static final String CLUSTER = "member1";

  @Test
  void reportsTheClustersCapacityAndStaysAliveWhenTheApiServerStops(
      EmbeddedKafkaBroker broker, TestTopics testTopics) throws Exception {
    Topics topics = new Topics(testTopics.prefix());
    String topic = topics.status(CLUSTER);
    broker.createCompactedTopic(topic, 1);
    KubeAPIServer apiServer =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig().withOfflineMode(true).build());
    apiServer.start();
    boolean stopped = false;
    try (var registry =
            SchemaRegistryServer.start(
                RegistrySettings.of(broker.bootstrapServers())
                    .withTopic(testTopics.name("_schemas")));
        KubernetesClient client =
            new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(apiServer.getKubeConfigYaml()))
                .build();
        var producer =
            new KafkaProducer<String, StatusEvent>(
                StatusTopics.producerConfig(broker, registry.url()))) {
      createNode(client, "node-a", "4", "8Gi");
      createNode(client, "node-b", "3500m", "4Gi");
      client
          .serviceAccounts()
          .resource(
              new ServiceAccountBuilder()
                  .withNewMetadata()
                  .withName("default")
                  .withNamespace("default")
                  .endMetadata()
                  .build())
          .create();
      client.pods().resource(pod("web", "node-a", "250m", "128Mi")).create();
      client.pods().resource(pod("api", "node-b", "1", "1Gi")).create();
      client.pods().resource(pod("unscheduled", null, "8", "16Gi")).create();
      Pod done = client.pods().resource(pod("done", "node-a", "2", "2Gi")).create();
      done.getStatus().setPhase("Succeeded");
      client.pods().resource(done).updateStatus();
      String version = client.getKubernetesVersion().getGitVersion();

      HeartbeatSettings settings =
          HeartbeatSettings.of("0.1.0-test")
              .withInterval(Duration.ofMillis(500))
              .withApiServerTimeout(Duration.ofSeconds(2))
              .withLabels(Map.of("env", "test", "tier", "gold"))
              .withLocation("kind", "eu-west", "eu-west-1a");
      try (var publisher =
          new HeartbeatPublisher(
              CLUSTER, topics, producer, client, settings, AgentMetrics.create(CLUSTER))) {
        publisher.start();

        ClusterHeartbeat ready =
            StatusTopics.awaitHeartbeat(
                broker, registry.url(), topic, CLUSTER, ConditionStatus.True);
        assertThat(ready.getCluster()).isEqualTo(CLUSTER);
        assertThat(ready.getKubernetesVersion()).isEqualTo(version);
        assertThat(ready.getLabels()).isEqualTo(Map.of("env", "test", "tier", "gold"));
        assertThat(ready.getProvider()).isEqualTo("kind");
        assertThat(ready.getRegion()).isEqualTo("eu-west");
        assertThat(ready.getZone()).isEqualTo("eu-west-1a");
        assertThat(ready.getAgentVersion()).isEqualTo("0.1.0-test");
        assertThat(ready.getNodeCount()).isEqualTo(2);
        assertThat(ready.getAllocatableCpuMillis()).isEqualTo(7500);
        assertThat(ready.getAllocatableMemoryBytes()).isEqualTo(12L << 30);
        assertThat(ready.getAllocatedCpuMillis()).isEqualTo(1250);
        assertThat(ready.getAllocatedMemoryBytes()).isEqualTo((128L << 20) + (1L << 30));

        apiServer.stop();
        stopped = true;

        ClusterHeartbeat down =
            StatusTopics.awaitHeartbeat(
                broker, registry.url(), topic, CLUSTER, ConditionStatus.False);
        ClusterCondition condition = down.getConditions().get(0);
        assertThat(condition.getType()).isEqualTo("Ready");
        assertThat(condition.getMessage()).isNotBlank();
        assertThat(down.getKubernetesVersion()).isEqualTo(version);
        assertThat(down.getNodeCount()).isEqualTo(2);
        assertThat(down.getAllocatableCpuMillis()).isEqualTo(7500);
        assertThat(down.getAllocatedCpuMillis()).isEqualTo(1250);
        assertThat(down.getSentAt()).isAfter(ready.getSentAt());
      }
    } finally {
      if (!stopped) {
        apiServer.stop();
      }
    }
  }

  private static void createNode(KubernetesClient client, String name, String cpu, String memory) {
    Node node =
        new NodeBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewStatus()
            .withCapacity(Map.of("cpu", new Quantity("16"), "memory", new Quantity("64Gi")))
            .withAllocatable(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory)))
            .endStatus()
            .build();
    Node created = client.nodes().resource(node).create();
    if (created.getStatus() == null
        || created.getStatus().getAllocatable() == null
        || created.getStatus().getAllocatable().isEmpty()) {
      // The status is a subresource: the API server may drop it on create.
      created.setStatus(node.getStatus());
      client.nodes().resource(created).updateStatus();
    }
  }

  private static Pod pod(String name, String nodeName, String cpu, String memory) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .withNewSpec()
        .withNodeName(nodeName)
        .addNewContainer()
        .withName("main")
        .withImage("busybox")
        .withNewResources()
        .addToRequests("cpu", new Quantity(cpu))
        .addToRequests("memory", new Quantity(memory))
        .endResources()
        .endContainer()
        .endSpec()
        .build();
  }
}
