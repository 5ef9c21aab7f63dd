package io.kafleet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kafleet.agent.metrics.AgentMetrics;
import io.kafleet.events.Work;
import io.kafleet.events.WorkPhase;
import io.kafleet.kafka.embedded.AuthenticatedKafkaBrokerExtension;
import io.kafleet.kafka.embedded.BrokerSecurity.ScramUser;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.schemas.ClusterAccessPlan;
import io.kafleet.schemas.KafkaTopics;
import io.kafleet.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent logs in to an authenticated broker (connections log in again every few seconds, so a
 * rotated password ends open connections) as its own user with only its own ACLs, from a login
 * Secret mounted as files. Its password is rotated while it runs and works keep coming: Kafka
 * refuses its old login, the agent waits for the new password, starts its services again with it,
 * and every work, before, during and after the rotation, is applied.
 */
@ExtendWith(AuthenticatedKafkaBrokerExtension.class)
class LoginRotationIT {

  private static final String CLUSTER = "member1";
  private static final String USER = ClusterAccessPlan.userName(CLUSTER);

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
            RegistrySettings.of(broker.bootstrapServers())
                .withTopic(topics.name("_schemas"))
                .withKafkaProperties(broker.adminClientProperties()));
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
  void aRotatedPasswordReachesTheRunningAgentAndNoWorkIsLost(
      EmbeddedKafkaBroker broker, TestTopics testTopics, @TempDir Path login) throws Exception {
    String ns = "rotation";
    client
        .namespaces()
        .resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName(ns)
                .endMetadata()
                .build())
        .serverSideApply();
    try (var bed =
        new AgentTestBed(
            broker, registry.url(), testTopics, CLUSTER, API_SERVER.getKubeConfigYaml())) {
      Topics topics = bed.topics();
      KafkaTopics.createMissing(
          broker.adminClientProperties(),
          KafkaTopics.memberTopics(topics, CLUSTER, Optional.empty()));
      grantTheAgentsAccess(broker, topics);
      setPassword(broker, "first-password");
      writeLogin(login, "first-password");
      rotateWhileTheAgentRuns(bed, login, ns, broker);
    }
  }

  private static void rotateWhileTheAgentRuns(
      AgentTestBed bed, Path login, String ns, EmbeddedKafkaBroker broker) throws Exception {
    try (RotatingAgent agent =
        RotatingAgent.start(
            () ->
                new Environment(
                        bed.environment(
                            Map.of(
                                Environment.LOGIN_DIR, login.toString(),
                                RotatingAgent.CHECK_INTERVAL_MS, "500",
                                RotatingAgent.GRACE_MS, "60000")))
                    .withLoginFiles(),
            bed::kubernetes,
            AgentMetrics.create(bed.cluster()))) {
      agent.current().started().get(60, TimeUnit.SECONDS);
      List<Work> works = new ArrayList<>();
      works.addAll(publish(bed, ns, "before", 3));
      awaitApplied(bed, works);
      Agent first = agent.current();

      setPassword(broker, "second-password");
      works.addAll(publish(bed, ns, "during", 3));
      Throwable refused = first.failure().get(30, TimeUnit.SECONDS);
      assertThat(RotatingAgent.refusedLogin(refused))
          .as("the running agent's failure once its old password is refused: %s", refused)
          .isTrue();
      assertThat(agent.live()).as("alive, waiting for the new password").isTrue();

      writeLogin(login, "second-password");
      works.addAll(publish(bed, ns, "after", 3));
      awaitApplied(bed, works);
      assertThat(agent.current()).as("the agent started again").isNotSameAs(first);
      assertThat(agent.failure()).isNotDone();
      for (Work work : works) {
        String name = work.getObjectKey().substring(work.getObjectKey().lastIndexOf('/') + 1);
        assertThat(client.configMaps().inNamespace(ns).withName(name).get())
            .as("ConfigMap %s in the API server", name)
            .isNotNull();
      }
    }
  }

  private static List<Work> publish(AgentTestBed bed, String ns, String prefix, int count)
      throws Exception {
    List<Work> works = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      works.add(
          Works.work(
              bed.cluster(),
              "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "
                  + prefix
                  + "-"
                  + i
                  + "}\ndata: {a: b}\n",
              ns));
    }
    bed.publish(works.toArray(Work[]::new));
    return works;
  }

  private static void awaitApplied(AgentTestBed bed, List<Work> works) {
    for (Work work : works) {
      bed.awaitStatus(work.getObjectKey(), status -> status.getPhase() == WorkPhase.Applied);
    }
  }

  /** The login Secret as Kubernetes mounts it: one file per key. */
  private static void writeLogin(Path dir, String password) throws Exception {
    Files.writeString(dir.resolve("KAFLEET_KAFKA_SECURITY_PROTOCOL"), "SASL_PLAINTEXT");
    Files.writeString(dir.resolve("KAFLEET_KAFKA_SASL_MECHANISM"), "SCRAM-SHA-512");
    Files.writeString(
        dir.resolve("KAFLEET_KAFKA_SASL_JAAS_CONFIG"), new ScramUser(USER, password).jaasConfig());
  }

  private static void setPassword(EmbeddedKafkaBroker broker, String password) throws Exception {
    try (Admin admin = broker.admin()) {
      admin
          .alterUserScramCredentials(
              List.of(
                  new UserScramCredentialUpsertion(
                      USER, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  /** What a join grants the agent, and nothing more. */
  private static void grantTheAgentsAccess(EmbeddedKafkaBroker broker, Topics topics)
      throws Exception {
    List<AclBinding> bindings = ClusterAccessPlan.of(CLUSTER, topics).bindings();
    try (Admin admin = broker.admin()) {
      admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
      // The broker's authorizer learns them from the metadata log: wait until it answers with them.
      AclBindingFilter mine =
          new AclBindingFilter(
              ResourcePatternFilter.ANY,
              new AccessControlEntryFilter(
                  "User:" + USER, null, AclOperation.ANY, AclPermissionType.ANY));
      await("the agent's ACLs known to the broker")
          .atMost(Duration.ofSeconds(30))
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> admin.describeAcls(mine).values().get().size() >= bindings.size());
    }
  }
}
