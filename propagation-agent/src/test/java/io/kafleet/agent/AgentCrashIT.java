package io.kafleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kafleet.agent.work.ApplyBudget;
import io.kafleet.events.Work;
import io.kafleet.events.WorkPhase;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as its own JVM, killed after applying part of a batch and before committing it: the
 * restarted agent applies every object to its desired content and loses none.
 */
@ExtendWith(KafkaBrokerExtension.class)
class AgentCrashIT {

  private static final KubeAPIServer API_SERVER =
      new KubeAPIServer(
          KubeAPIServerConfigBuilder.anAPIServerConfig().withOfflineMode(true).build());

  private static SchemaRegistryServer registry;
  private static KubernetesClient client;

  @BeforeAll
  static void start(EmbeddedKafkaBroker broker, TestTopics topics) {
    API_SERVER.start();
    client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(API_SERVER.getKubeConfigYaml()))
            .build();
    registry =
        SchemaRegistryServer.start(
            RegistrySettings.of(broker.bootstrapServers()).withTopic(topics.name("_schemas")));
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (client != null) {
      client.close();
    }
    API_SERVER.stop();
  }

  @Test
  void anAgentKilledMidBatchAppliesEverythingAfterRestart(
      EmbeddedKafkaBroker broker, TestTopics topics, @TempDir Path dir) throws Exception {
    String ns = "crash";
    Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), API_SERVER.getKubeConfigYaml());
    try (AgentTestBed bed =
        new AgentTestBed(broker, registry.url(), topics, "crash", API_SERVER.getKubeConfigYaml())) {
      List<Work> works = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        works.add(Works.work(bed.cluster(), AgentIT.configMap("cm-" + i, "v" + i), ns));
      }
      bed.publish(works.toArray(Work[]::new));
      Map<String, String> env = new HashMap<>(bed.environment(Map.of()));
      env.put("KUBECONFIG", kubeconfig.toString());

      Map<String, String> halting = new HashMap<>(env);
      halting.put(AgentSettings.TEST_HALT_AFTER_APPLIES, "3");
      try (AgentProcess first = AgentProcess.start(halting, dir.resolve("first.log"))) {
        assertThat(first.awaitExit()).as(first.logText()).isEqualTo(ApplyBudget.HALT_EXIT_CODE);
      }
      assertThat(client.configMaps().inNamespace(ns).list().getItems())
          .as("applied before the crash")
          .hasSize(3);
      assertThat(committed(broker, bed)).as("nothing committed before the crash").isNull();

      try (AgentProcess second = AgentProcess.start(env, dir.resolve("second.log"))) {
        for (Work work : works) {
          bed.awaitStatus(work.getObjectKey(), s -> s.getPhase() == WorkPhase.Applied);
        }
        for (int i = 0; i < 6; i++) {
          ConfigMap stored = client.configMaps().inNamespace(ns).withName("cm-" + i).get();
          assertThat(stored.getData()).containsExactly(Map.entry("color", "v" + i));
        }
        AgentIT.awaitTrue(() -> committedOffset(broker, bed) == 6);
        // The Deployment's probes: ready once the start-up pass is done and queries are assigned.
        AgentIT.awaitTrue(() -> probe(second, "/readyz") == 200);
        assertThat(probe(second, "/healthz")).as("/healthz of a running agent").isEqualTo(200);
      }
    }
  }

  private static int probe(AgentProcess agent, String path) {
    try {
      HttpURLConnection connection =
          (HttpURLConnection)
              URI.create("http://127.0.0.1:" + agent.healthPort() + path).toURL().openConnection();
      try {
        return connection.getResponseCode();
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      return -1;
    }
  }

  private static long committedOffset(EmbeddedKafkaBroker broker, AgentTestBed bed) {
    OffsetAndMetadata offset = committed(broker, bed);
    return offset == null ? -1 : offset.offset();
  }

  private static OffsetAndMetadata committed(EmbeddedKafkaBroker broker, AgentTestBed bed) {
    try (Admin admin = broker.admin()) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets("kafleet-agent-" + bed.cluster())
              .partitionsToOffsetAndMetadata()
              .get();
      return offsets.get(new TopicPartition(bed.topics().executionSpace(bed.cluster()), 0));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
