package io.kafleet.agent;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kafleet.agent.metrics.AgentMetrics;
import io.kafleet.events.ConflictResolution;
import io.kafleet.events.DestinationWeight;
import io.kafleet.events.Health;
import io.kafleet.events.RecordSkipped;
import io.kafleet.events.Work;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.sealing.SealingKeys;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent against a real kube-apiserver, the embedded broker and the schema registry: one API
 * server for the class, and per test a cluster name and namespace of its own, so that one test's
 * pruning never sees another's objects.
 */
@ExtendWith(KafkaBrokerExtension.class)
class AgentIT {

  private static final KubeAPIServer API_SERVER =
      new KubeAPIServer(
          KubeAPIServerConfigBuilder.anAPIServerConfig().withOfflineMode(true).build());

  /** Series of the agent's /metrics (docs/operations.md). */
  private static final String APPLIES = "kafleet_agent_applies_total";

  private static final String COMMITTED = "kafleet_agent_committed_offset";
  private static final String CORRECTIONS = "kafleet_agent_drift_corrections_total";
  private static final String PRUNES = "kafleet_agent_prunes_total";
  private static final String HEARTBEATS = "kafleet_agent_heartbeats_sent_total";

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

  private static AgentTestBed bed(EmbeddedKafkaBroker broker, TestTopics topics, String cluster) {
    return new AgentTestBed(
        broker, registry.url(), topics, cluster, API_SERVER.getKubeConfigYaml());
  }

  @Test
  void bookinfoForMember2LandsExactlyTheExpectedObjects(
      EmbeddedKafkaBroker broker, TestTopics topics) throws Exception {
    String ns = "bookinfo-m2";
    Set<String> deployments =
        Set.of("details-v1", "ratings-v1", "reviews-v1", "reviews-v2", "reviews-v3");
    Set<String> accounts = Set.of("bookinfo-details", "bookinfo-ratings", "bookinfo-reviews");
    try (AgentTestBed bed = bed(broker, topics, "member2")) {
      List<Work> works =
          Works.documents(scenario("bookinfo").resolve("bookinfo-karmada.yaml")).stream()
              .filter(o -> forMember2(o, deployments, accounts))
              .map(o -> Works.work(bed.cluster(), o, ns))
              .toList();
      assertThat(works).hasSize(12);
      bed.publish(works.toArray(Work[]::new));

      try (Agent agent = bed.startAgent()) {
        for (Work work : works) {
          bed.awaitStatus(work.getObjectKey(), s -> s.getPhase() == WorkPhase.Applied);
        }
        assertThat(managedNames(client.apps().deployments().inNamespace(ns).list().getItems()))
            .containsExactlyInAnyOrderElementsOf(deployments);
        assertThat(managedNames(client.services().inNamespace(ns).list().getItems()))
            .containsExactlyInAnyOrder("details", "ratings", "reviews", "productpage");
        assertThat(
                managedNames(client.serviceAccounts().inNamespace(ns).list().getItems()).stream()
                    .filter(name -> !name.equals("default")))
            .containsExactlyInAnyOrderElementsOf(accounts);
        WorkStatus reviews =
            bed.awaitStatus(
                "apps/Deployment/" + ns + "/reviews-v1", s -> s.getPhase() == WorkPhase.Applied);
        // No controller manager runs here: the Deployment never gets ready pods.
        assertThat(reviews.getHealth()).isEqualTo(Health.Progressing);
        assertThat(reviews.getLiveSummary()).containsEntry("readyReplicas", "0/1");
        assertThat(reviews.getAppliedHash())
            .isEqualTo(
                works.stream()
                    .filter(w -> w.getObjectKey().equals(reviews.getObjectKey()))
                    .findFirst()
                    .orElseThrow()
                    .getContentHash());
        assertThat(bed.awaitStatus("core/Service/" + ns + "/details", s -> true).getHealth())
            .isEqualTo(Health.Healthy);
        var stored = client.apps().deployments().inNamespace(ns).withName("details-v1").get();
        assertThat(stored.getMetadata().getManagedFields())
            .anySatisfy(f -> assertThat(f.getManager()).isEqualTo("kafleet"));
        assertThat(stored.getMetadata().getAnnotations())
            .containsEntry("kafleet.io/cluster", "member2")
            .containsKey("kafleet.io/content-hash");
      }
    }
  }

  @Test
  void aTombstoneDeletesAndPreserveOnDeletionOnlyLetsGo(
      EmbeddedKafkaBroker broker, TestTopics topics) throws Exception {
    String ns = "tombstones";
    try (AgentTestBed bed = bed(broker, topics, "tombstones")) {
      Work plain = Works.work(bed.cluster(), configMap("plain", "v"), ns);
      Work kept = preserved(Works.work(bed.cluster(), configMap("kept", "v"), ns));
      bed.publish(plain, kept);
      try (Agent agent = bed.startAgent()) {
        bed.awaitStatus(plain.getObjectKey(), s -> s.getPhase() == WorkPhase.Applied);
        bed.awaitStatus(kept.getObjectKey(), s -> s.getPhase() == WorkPhase.Applied);

        bed.tombstone(plain.getObjectKey());
        bed.tombstone(kept.getObjectKey());

        bed.awaitStatus(plain.getObjectKey(), s -> s.getPhase() == WorkPhase.Deleted);
        WorkStatus let =
            bed.awaitStatus(kept.getObjectKey(), s -> s.getPhase() == WorkPhase.Deleted);
        assertThat(let.getMessage()).contains("preserveOnDeletion");
        assertThat(client.configMaps().inNamespace(ns).withName("plain").get()).isNull();
        ConfigMap left = client.configMaps().inNamespace(ns).withName("kept").get();
        assertThat(left).isNotNull();
        assertThat(left.getMetadata().getLabels()).doesNotContainKey("kafleet.io/managed-by");
      }
    }
  }

  @Test
  void aRestartWithAChangedDesiredSetPrunesTheDifference(
      EmbeddedKafkaBroker broker, TestTopics topics) throws Exception {
    String ns = "prune";
    try (AgentTestBed bed = bed(broker, topics, "prune")) {
      Work a = Works.work(bed.cluster(), configMap("a", "1"), ns);
      Work b = Works.work(bed.cluster(), configMap("b", "1"), ns);
      Work c = Works.work(bed.cluster(), configMap("c", "1"), ns);
      bed.publish(a, b, c);
      Agent first = bed.startAgent();
      try (first) {
        bed.awaitStatus(c.getObjectKey(), s -> s.getPhase() == WorkPhase.Applied);
        // Started (startAgent waited for the start-up pass); ready once queries are assigned too.
        awaitTrue(first::ready);
        assertThat(first.live()).as("a running agent is live").isTrue();
      }
      assertThat(first.ready()).as("a stopped agent is not ready").isFalse();
      // While the agent is down: c is removed, and a managed object appears that no work names.
      bed.tombstone(c.getObjectKey());
      client.configMaps().inNamespace(ns).resource(managedStray(ns, bed.cluster())).create();
      client
          .configMaps()
          .inNamespace(ns)
          .resource(
              managedStray(ns, "other-cluster")
                  .edit()
                  .editMetadata()
                  .withName("others")
                  .endMetadata()
                  .build())
          .create();

      try (Agent agent = bed.startAgent()) {
        assertThat(names(client.configMaps().inNamespace(ns).list().getItems()))
            .contains("a", "b", "others")
            .doesNotContain("c", "stray");
        assertThat(bed.awaitStatus("core/ConfigMap/" + ns + "/stray", s -> true).getMessage())
            .contains("pruned");
        assertThat(bed.awaitStatus(c.getObjectKey(), s -> true).getPhase())
            .isEqualTo(WorkPhase.Deleted);
      }
    }
  }

  @Test
  void aManualEditAndAManualDeleteAreReverted(EmbeddedKafkaBroker broker, TestTopics topics)
      throws Exception {
    String ns = "drift";
    try (AgentTestBed bed = bed(broker, topics, "drift")) {
      Work settings = Works.work(bed.cluster(), configMap("settings", "blue"), ns);
      Work web = Works.work(bed.cluster(), deployment("web", 2), ns);
      bed.publish(settings, web);
      try (Agent agent = bed.startAgent()) {
        bed.awaitStatus(web.getObjectKey(), s -> s.getPhase() == WorkPhase.Applied);

        // As kubectl edit does: an update by another manager.
        client
            .configMaps()
            .inNamespace(ns)
            .withName("settings")
            .edit(cm -> new ConfigMapBuilder(cm).addToData("color", "red").build());
        client
            .apps()
            .deployments()
            .inNamespace(ns)
            .withName("web")
            .edit(
                d -> {
                  d.getSpec().setReplicas(5);
                  return d;
                });

        awaitTrue(
            () ->
                "blue"
                    .equals(
                        client
                            .configMaps()
                            .inNamespace(ns)
                            .withName("settings")
                            .get()
                            .getData()
                            .get("color")));
        awaitTrue(
            () ->
                client
                        .apps()
                        .deployments()
                        .inNamespace(ns)
                        .withName("web")
                        .get()
                        .getSpec()
                        .getReplicas()
                    == 2);
        assertThat(
                bed.awaitStatus(settings.getObjectKey(), s -> s.getMessage() != null).getMessage())
            .contains("drift reverted");

        client.configMaps().inNamespace(ns).withName("settings").delete();

        awaitTrue(
            () ->
                client.configMaps().inNamespace(ns).withName("settings").get() != null
                    && client
                            .configMaps()
                            .inNamespace(ns)
                            .withName("settings")
                            .get()
                            .getMetadata()
                            .getDeletionTimestamp()
                        == null);
        assertThat(client.configMaps().inNamespace(ns).withName("settings").get().getData())
            .containsEntry("color", "blue");
        bed.awaitStatus(
            settings.getObjectKey(),
            s -> s.getMessage() != null && s.getMessage().contains("deleted"));
      }
    }
  }

  @Test
  void anExcludedFieldIsNeitherAppliedNorReverted(EmbeddedKafkaBroker broker, TestTopics topics)
      throws Exception {
    String ns = "excluded";
    try (AgentTestBed bed = bed(broker, topics, "excluded")) {
      Work web = Works.work(bed.cluster(), deployment("web", 2), ns);
      Work marker = Works.work(bed.cluster(), configMap("marker", "1"), ns);
      bed.publish(web);
      try (Agent agent =
          bed.startAgent(
              Map.of(AgentSettings.DRIFT_EXCLUDED_FIELDS, "apps/Deployment:spec.replicas"))) {
        bed.awaitStatus(web.getObjectKey(), s -> s.getPhase() == WorkPhase.Applied);
        client
            .apps()
            .deployments()
            .inNamespace(ns)
            .withName("web")
            .edit(
                d -> {
                  d.getSpec().setReplicas(7);
                  d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("nginx:1.27");
                  return d;
                });

        // The image kafleet applies is reverted in the same edit; once it is, the agent has
        // handled the edit.
        awaitTrue(
            () ->
                "nginx:1.25"
                    .equals(
                        client
                            .apps()
                            .deployments()
                            .inNamespace(ns)
                            .withName("web")
                            .get()
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getImage()));
        bed.publish(marker);
        bed.awaitStatus(marker.getObjectKey(), s -> s.getPhase() == WorkPhase.Applied);

        assertThat(
                client
                    .apps()
                    .deployments()
                    .inNamespace(ns)
                    .withName("web")
                    .get()
                    .getSpec()
                    .getReplicas())
            .isEqualTo(7);
      }
    }
  }

  @Test
  void anUnmanagedObjectIsAConflictUnderAbortAndTakenOverUnderOverwrite(
      EmbeddedKafkaBroker broker, TestTopics topics) throws Exception {
    String ns = "conflict";
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    client
        .configMaps()
        .inNamespace(ns)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("settings")
                .endMetadata()
                .addToData("color", "green")
                .build())
        .create();
    try (AgentTestBed bed = bed(broker, topics, "conflict")) {
      Work abort = Works.work(bed.cluster(), configMap("settings", "blue"), ns);
      bed.publish(abort);
      try (Agent agent = bed.startAgent()) {
        WorkStatus conflict =
            bed.awaitStatus(abort.getObjectKey(), s -> s.getPhase() == WorkPhase.Conflict);
        assertThat(conflict.getMessage()).contains("not managed by kafleet");
        ConfigMap untouched = client.configMaps().inNamespace(ns).withName("settings").get();
        assertThat(untouched.getData()).containsEntry("color", "green");
        assertThat(untouched.getMetadata().getLabels()).doesNotContainKey("kafleet.io/managed-by");

        Work overwrite =
            Work.newBuilder(abort)
                .setConflictResolution(ConflictResolution.Overwrite)
                .setContentHash("overwrite")
                .build();
        bed.publish(overwrite);

        bed.awaitStatus(abort.getObjectKey(), s -> s.getPhase() == WorkPhase.Applied);
        ConfigMap taken = client.configMaps().inNamespace(ns).withName("settings").get();
        assertThat(taken.getData()).containsEntry("color", "blue");
        assertThat(taken.getMetadata().getLabels())
            .containsEntry("kafleet.io/managed-by", "kafleet");
      }
    }
  }

  @Test
  void aVirtualServiceReportsTheWeightsReadBackFromTheServer(
      EmbeddedKafkaBroker broker, TestTopics topics) throws Exception {
    installIstioCrds();
    String ns = "traffic";
    try (AgentTestBed bed = bed(broker, topics, "traffic")) {
      Work route =
          Works.work(
              bed.cluster(),
              Files.readString(
                  scenario("podinfo-blue-green").resolve("virtualservice-green-80.yaml")),
              ns);
      bed.publish(route);
      try (Agent agent = bed.startAgent()) {
        WorkStatus status =
            bed.awaitStatus(route.getObjectKey(), s -> s.getPhase() == WorkPhase.Applied);

        assertThat(status.getHealth()).isEqualTo(Health.Healthy);
        assertThat(status.getObservedWeights()).isNotEmpty();
        assertThat(status.getObservedWeights().get(0).getDestinations())
            .extracting(DestinationWeight::getSubset, DestinationWeight::getWeight)
            .containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("green", 80),
                org.assertj.core.groups.Tuple.tuple("blue", 20));
      }
    }
  }

  @Test
  void aCrdAndAnObjectOfItsKindInOneBatchAreBothApplied(
      EmbeddedKafkaBroker broker, TestTopics topics) throws Exception {
    String ns = "widgets";
    try (AgentTestBed bed = bed(broker, topics, "widgets")) {
      Work crd = Works.work(bed.cluster(), WIDGET_CRD, null);
      Work widget =
          Works.work(
              bed.cluster(),
              "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\nspec:\n  size: 3\n",
              ns);
      bed.publish(widget, crd);
      try (Agent agent = bed.startAgent()) {
        bed.awaitStatus(crd.getObjectKey(), s -> s.getPhase() == WorkPhase.Applied);
        WorkStatus applied = bed.awaitStatus(widget.getObjectKey(), s -> s.getPhase() != null);

        assertThat(applied.getPhase()).as(applied.getMessage()).isEqualTo(WorkPhase.Applied);
        GenericKubernetesResource stored =
            client
                .genericKubernetesResources("example.com/v1", "Widget")
                .inNamespace(ns)
                .withName("w1")
                .get();
        assertThat(stored.<Object>get("spec", "size")).isEqualTo(3);
      }
    }
  }

  @Test
  void eachBadObjectIsFailedWithItsReasonAPoisonRecordIsSkippedAndTheOthersAreApplied(
      EmbeddedKafkaBroker broker, TestTopics topics) throws Exception {
    String ns = "bad-input";
    try (AgentTestBed bed = bed(broker, topics, "bad-input")) {
      String c = bed.cluster();
      Work notJson =
          Works.raw(c, "core/ConfigMap/" + ns + "/broken", "v1", "{\"apiVersion\": \"v1\",");
      Work noName =
          Works.raw(
              c,
              "core/ConfigMap/" + ns + "/nameless",
              "v1",
              "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"namespace\":\""
                  + ns
                  + "\"}}");
      Work unknownKind =
          Works.work(c, "apiVersion: example.org/v1\nkind: Gizmo\nmetadata:\n  name: g\n", ns);
      Work badNamespace =
          Works.raw(
              c,
              "core/ConfigMap/Bad_Namespace/x",
              "v1",
              "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\",\"namespace\":\"Bad_Namespace\"}}");
      Work rejected = Works.work(c, deployment("negative", -1), ns);
      Work unknownField =
          Works.work(
              c, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typo\ndatta:\n  a: b\n", ns);
      Work good = Works.work(c, configMap("good", "fine"), ns);
      Work goodDeployment = Works.work(c, deployment("fine", 1), ns);
      bed.publish(notJson, noName, unknownKind, badNamespace, rejected, unknownField);
      long poisonOffset = bed.publishPoison("core/ConfigMap/" + ns + "/poison");
      bed.publish(good, goodDeployment);

      try (Agent agent = bed.startAgent()) {
        RecordSkipped skipped = bed.awaitSkipped();
        assertThat(skipped.getTopic()).isEqualTo(bed.topics().executionSpace(c));
        assertThat(skipped.getPartition()).isZero();
        assertThat(skipped.getOffset()).isEqualTo(poisonOffset);
        assertThat(skipped.getConsumer()).isEqualTo("propagation-agent/" + c);
        assertFailed(bed, notJson, "not valid JSON");
        assertFailed(bed, noName, "metadata.name");
        assertFailed(bed, unknownKind, "not served");
        assertFailed(bed, badNamespace, "Bad_Namespace");
        assertFailed(bed, rejected, "spec.replicas");
        assertFailed(bed, unknownField, "datta");
        bed.awaitStatus(good.getObjectKey(), s -> s.getPhase() == WorkPhase.Applied);
        bed.awaitStatus(goodDeployment.getObjectKey(), s -> s.getPhase() == WorkPhase.Applied);
        assertThat(client.configMaps().inNamespace(ns).withName("good").get()).isNotNull();
      }
    }
  }

  @Test
  void aSealedSecretOpensOnlyInItsClusterAndItsValuesNeverShowOnKafka(
      EmbeddedKafkaBroker broker, TestTopics topics) throws Exception {
    String ns = "sealed";
    String password = "correct-horse-battery-staple-42";
    String token = "s3cr3t-token-value";
    String tokenBase64 = Base64.getEncoder().encodeToString(token.getBytes(UTF_8));
    KeyPair own = SealingKeys.generate();
    KeyPair another = SealingKeys.generate();
    try (AgentTestBed bed = bed(broker, topics, "sealed1")) {
      String c = bed.cluster();
      Work db = Works.sealed(c, secret("db", password, tokenBase64), ns, own.getPublic(), c);
      Work forAnotherKey =
          Works.sealed(c, secret("foreign", password, tokenBase64), ns, another.getPublic(), c);
      Work replayed =
          Works.sealed(c, secret("replayed", password, tokenBase64), ns, own.getPublic(), "other");
      bed.publish(db, forAnotherKey, replayed);

      try (Agent agent =
          bed.startAgent(
              Map.of(AgentSettings.SEALING_PRIVATE_KEY, SealingKeys.encode(own.getPrivate())))) {
        bed.awaitStatus(db.getObjectKey(), s -> s.getPhase() == WorkPhase.Applied);
        Secret stored = client.secrets().inNamespace(ns).withName("db").get();
        assertThat(stored.getData())
            .containsEntry("password", Base64.getEncoder().encodeToString(password.getBytes(UTF_8)))
            .containsEntry("token", tokenBase64);
        assertFailed(bed, forAnotherKey, "the sealed values do not open with this agent's key");
        assertFailed(bed, replayed, "the sealed values do not open with this agent's key");
        assertThat(bed.statuses(forAnotherKey.getObjectKey()))
            .allSatisfy(s -> assertThat(String.valueOf(s.getMessage())).doesNotContain(password));
        assertThat(client.secrets().inNamespace(ns).withName("foreign").get()).isNull();
        assertThat(client.secrets().inNamespace(ns).withName("replayed").get()).isNull();
      }
      List<String> records = rawRecords(broker, bed.topics().executionSpace(c));
      assertThat(records).hasSize(3);
      assertThat(records)
          .allSatisfy(
              record ->
                  assertThat(record)
                      .contains("kfs1.")
                      .doesNotContain(password)
                      .doesNotContain(token)
                      .doesNotContain(tokenBase64));
    }
  }

  @Test
  void metricsOnTheHealthPortCountWhatTheAgentDoes(EmbeddedKafkaBroker broker, TestTopics topics)
      throws Exception {
    String ns = "metrics";
    try (AgentTestBed bed = bed(broker, topics, "metrics");
        AgentMetrics metrics = AgentMetrics.create(bed.cluster())) {
      Work settings = Works.work(bed.cluster(), configMap("settings", "blue"), ns);
      bed.publish(settings);
      try (Agent agent = bed.startAgent(Map.of(), metrics);
          HealthServer health = HealthServer.start(0, probesOf(agent), metrics)) {
        bed.awaitStatus(settings.getObjectKey(), s -> s.getPhase() == WorkPhase.Applied);
        Map<String, String> partition =
            Map.of("topic", bed.topics().executionSpace(bed.cluster()), "partition", "0");
        awaitTrue(() -> Scrape.of(health.port()).value(COMMITTED, partition) == 1);
        awaitTrue(() -> Scrape.of(health.port()).value(HEARTBEATS, Map.of()) >= 1);

        Scrape first = Scrape.of(health.port());
        assertThat(first.names())
            .as("every agent metric of docs/operations.md, in %s", first)
            .containsAll(
                List.of(
                    APPLIES,
                    "kafleet_agent_apply_duration_seconds_bucket",
                    "kafleet_agent_apply_duration_seconds_count",
                    "kafleet_agent_works_pending",
                    COMMITTED,
                    CORRECTIONS,
                    PRUNES,
                    HEARTBEATS));
        Map<String, String> configMaps = Map.of("kind", "ConfigMap");
        assertThat(first.value(APPLIES, with(configMaps, "outcome", "Applied"))).isEqualTo(1.0);
        assertThat(first.value(APPLIES, with(configMaps, "outcome", "Failed"))).isEqualTo(0.0);
        assertThat(first.value("kafleet_agent_apply_duration_seconds_count", configMaps))
            .isEqualTo(1.0);
        assertThat(
                first.value(
                    "kafleet_agent_apply_duration_seconds_bucket", with(configMaps, "le", "+Inf")))
            .isEqualTo(1.0);
        assertThat(first.value("kafleet_agent_works_pending", Map.of())).isEqualTo(0.0);
        assertThat(first.series().keySet())
            .filteredOn(series -> series.startsWith("kafleet_agent_"))
            .allSatisfy(series -> assertThat(series).contains("cluster=\"metrics\""));
        assertThat(first.names()).anyMatch(name -> name.startsWith("jvm_memory_"));
        assertThat(first.series().keySet())
            .as("the meters of each Kafka client of the agent")
            .anyMatch(s -> s.startsWith("kafka_consumer_") && s.contains("client_role=\"works\""))
            .anyMatch(s -> s.startsWith("kafka_consumer_") && s.contains("client_role=\"queries\""))
            .anyMatch(s -> s.startsWith("kafka_producer_") && s.contains("client_role=\"status\""));

        Work web = Works.work(bed.cluster(), deployment("web", 1), ns);
        bed.publish(web);
        bed.awaitStatus(web.getObjectKey(), s -> s.getPhase() == WorkPhase.Applied);
        awaitTrue(() -> Scrape.of(health.port()).value(COMMITTED, partition) == 2);
        assertThat(
                Scrape.of(health.port())
                    .value(APPLIES, Map.of("kind", "Deployment", "outcome", "Applied")))
            .isEqualTo(1.0);

        client
            .configMaps()
            .inNamespace(ns)
            .withName("settings")
            .edit(cm -> new ConfigMapBuilder(cm).addToData("color", "red").build());
        awaitTrue(() -> Scrape.of(health.port()).value(CORRECTIONS, configMaps) == 1);
        assertThat(Scrape.of(health.port()).value(APPLIES, with(configMaps, "outcome", "Applied")))
            .as("setting it back is an apply too")
            .isEqualTo(2.0);

        bed.tombstone(settings.getObjectKey());
        awaitTrue(() -> Scrape.of(health.port()).value(PRUNES, configMaps) == 1);
        assertThat(client.configMaps().inNamespace(ns).withName("settings").get()).isNull();
        assertThat(Scrape.of(health.port()).value(PRUNES, Map.of("kind", "Deployment")))
            .isEqualTo(0.0);
      }
    }
  }

  @Test
  void withTheJsonSwitchEveryLineOnStdoutIsJsonAndLinesAboutAnObjectSayWhichOne(
      EmbeddedKafkaBroker broker, TestTopics topics, @TempDir Path dir) throws Exception {
    String ns = "json-logs";
    try (AgentTestBed bed = bed(broker, topics, "json-logs")) {
      Work settings = Works.work(bed.cluster(), configMap("settings", "blue"), ns);
      // A kind no test of this class serves: its apply fails, and says so in a WARN line.
      String gizmoKey = "unserved.kafleet.test/Gizmo/" + ns + "/g1";
      Work gizmo =
          Works.raw(
              bed.cluster(),
              gizmoKey,
              "unserved.kafleet.test/v1",
              "{\"apiVersion\":\"unserved.kafleet.test/v1\",\"kind\":\"Gizmo\","
                  + "\"metadata\":{\"name\":\"g1\",\"namespace\":\""
                  + ns
                  + "\"}}");
      bed.publish(settings, gizmo);
      Path kubeconfig =
          Files.writeString(dir.resolve("kubeconfig"), API_SERVER.getKubeConfigYaml());
      Map<String, String> env = new HashMap<>(bed.environment(Map.of(LogFormat.VARIABLE, "json")));
      env.put("KUBECONFIG", kubeconfig.toString());
      Map<String, String> wrong = new HashMap<>(env);
      wrong.put(LogFormat.VARIABLE, "xml");
      Path refused = dir.resolve("refused.log");
      try (AgentProcess agent = AgentProcess.start(wrong, refused)) {
        assertThat(agent.awaitExit()).as("exit code of a wrong setting").isEqualTo(2);
        assertThat(agent.logText())
            .contains("KAFLEET_LOG_FORMAT: 'xml' is not a log format: text or json");
      }

      Path stdout = dir.resolve("stdout.log");
      try (AgentProcess agent = AgentProcess.start(env, stdout, dir.resolve("stderr.log"))) {
        bed.awaitStatus(settings.getObjectKey(), s -> s.getPhase() == WorkPhase.Applied);
        bed.awaitStatus(gizmoKey, s -> s.getPhase() == WorkPhase.Failed);
        Scrape scrape = Scrape.of(agent.healthPort());
        assertThat(scrape.value(APPLIES, Map.of("kind", "ConfigMap", "outcome", "Applied")))
            .as("the agent's own /metrics, in %s", scrape)
            .isEqualTo(1.0);
        assertThat(scrape.value(APPLIES, Map.of("kind", "Gizmo", "outcome", "Failed")))
            .isGreaterThanOrEqualTo(1.0);
      }

      ObjectMapper json = new ObjectMapper();
      List<String> lines = Files.readAllLines(stdout, UTF_8);
      assertThat(lines).as("the agent's stdout").isNotEmpty();
      List<JsonNode> records = new ArrayList<>();
      for (String line : lines) {
        try {
          records.add(json.readTree(line));
        } catch (Exception e) {
          throw new AssertionError("a line of stdout is not JSON: " + line, e);
        }
      }
      assertThat(records)
          .allSatisfy(
              r -> assertThat(r.path("mdc").path("cluster").asText()).isEqualTo("json-logs"));
      assertThat(records)
          .as("a line about the gizmo's failed apply")
          .anySatisfy(
              r -> {
                assertThat(r.path("level").asText()).isEqualTo("WARN");
                assertThat(r.path("mdc").path("object").asText()).isEqualTo(gizmoKey);
                assertThat(r.path("mdc").path("generation").asText())
                    .isEqualTo(String.valueOf(gizmo.getTemplateGeneration()));
                assertThat(r.path("formattedMessage").asText()).contains("not served");
              });
      assertThat(records)
          .as("no meter registered twice")
          .noneSatisfy(r -> assertThat(r.path("loggerName").asText()).startsWith("io.micrometer"));
      assertThat(records)
          .as("lines about nothing in particular carry no object")
          .anySatisfy(r -> assertThat(r.path("mdc").has("object")).isFalse());
    }
  }

  private static Map<String, String> with(Map<String, String> labels, String name, String value) {
    Map<String, String> more = new HashMap<>(labels);
    more.put(name, value);
    return more;
  }

  private static HealthServer.Probes probesOf(Agent agent) {
    return new HealthServer.Probes() {
      @Override
      public boolean live() {
        return agent.live();
      }

      @Override
      public boolean ready() {
        return agent.ready();
      }
    };
  }

  private static String secret(String name, String password, String tokenBase64) {
    return "apiVersion: v1\nkind: Secret\nmetadata:\n  name: "
        + name
        + "\nstringData:\n  password: "
        + password
        + "\ndata:\n  token: "
        + tokenBase64
        + "\n";
  }

  /** Every record of the topic as raw bytes, read as a consumer with every read right would. */
  private static List<String> rawRecords(EmbeddedKafkaBroker broker, String topic) {
    Map<String, Object> config = broker.clientConfig();
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<String> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      await("the end of " + topic)
          .atMost(AgentTestBed.PATIENCE)
          .pollDelay(Duration.ZERO)
          .pollInSameThread()
          .pollInterval(Duration.ofMillis(1))
          .until(
              () -> {
                for (ConsumerRecord<byte[], byte[]> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  records.add(new String(record.value(), ISO_8859_1));
                }
                return consumer.position(partition) >= end;
              });
    }
    return records;
  }

  private static void assertFailed(AgentTestBed bed, Work work, String reason) {
    WorkStatus failed = bed.awaitStatus(work.getObjectKey(), s -> s.getPhase() == WorkPhase.Failed);
    assertThat(failed.getMessage()).contains(reason);
  }

  private static void installIstioCrds() throws Exception {
    try (InputStream in = AgentIT.class.getResourceAsStream("/crds/istio-networking.yaml")) {
      for (HasMetadata crd : client.load(in).items()) {
        client.resource(crd).fieldManager("test-setup").forceConflicts().serverSideApply();
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName(crd.getMetadata().getName())
            .waitUntilCondition(AgentIT::established, 60, TimeUnit.SECONDS);
      }
    }
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True"));
  }

  private static final String WIDGET_CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: widgets.example.com
      spec:
        group: example.com
        names: {kind: Widget, listKind: WidgetList, plural: widgets, singular: widget}
        scope: Namespaced
        versions:
        - name: v1
          served: true
          storage: true
          schema:
            openAPIV3Schema:
              type: object
              x-kubernetes-preserve-unknown-fields: true
      """;

  static String configMap(String name, String color) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
        + name
        + "\ndata:\n  color: \""
        + color
        + "\"\n";
  }

  static String deployment(String name, int replicas) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %s
        spec:
          replicas: %d
          selector:
            matchLabels: {app: %s}
          template:
            metadata:
              labels: {app: %s}
            spec:
              containers:
              - name: app
                image: nginx:1.25
        """
        .formatted(name, replicas, name, name);
  }

  private static Work preserved(Work work) {
    return Work.newBuilder(work).setPreserveOnDeletion(true).build();
  }

  private static ConfigMap managedStray(String ns, String cluster) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("stray")
        .withNamespace(ns)
        .addToLabels("kafleet.io/managed-by", "kafleet")
        .addToAnnotations("kafleet.io/cluster", cluster)
        .endMetadata()
        .build();
  }

  private static boolean forMember2(
      GenericKubernetesResource object, Set<String> deployments, Set<String> accounts) {
    String name = object.getMetadata().getName();
    switch (object.getKind()) {
      case "Deployment":
        return deployments.contains(name);
      case "ServiceAccount":
        return accounts.contains(name);
      default:
        return object.getKind().equals("Service");
    }
  }

  private static Set<String> managedNames(List<? extends HasMetadata> objects) {
    return objects.stream()
        .filter(
            o ->
                o.getMetadata().getLabels() != null
                    && "kafleet".equals(o.getMetadata().getLabels().get("kafleet.io/managed-by")))
        .map(o -> o.getMetadata().getName())
        .collect(Collectors.toSet());
  }

  private static Set<String> names(List<? extends HasMetadata> objects) {
    return objects.stream().map(o -> o.getMetadata().getName()).collect(Collectors.toSet());
  }

  static Path scenario(String name) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new AssertionError("no project root above " + Path.of("").toAbsolutePath());
    }
    return dir.resolve("examples").resolve(name);
  }

  /** Waits, up to the test bed's patience, for a condition the agent brings about. */
  static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    await("a condition the agent brings about")
        .atMost(AgentTestBed.PATIENCE)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(100))
        .until(condition::getAsBoolean);
  }
}
