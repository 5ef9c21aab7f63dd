package io.kafleet.agent.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kafleet.agent.StatusTopics;
import io.kafleet.events.AgentQuery;
import io.kafleet.events.AgentQueryReply;
import io.kafleet.events.RecordSkipped;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.schemas.Topics;
import io.kafleet.serde.SerdeConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The control plane asks over Kafka what is live in a member cluster, a real kube-apiserver, and
 * the agent's query service answers on the reply topic with the objects, or with why not.
 */
@ExtendWith(KafkaBrokerExtension.class)
class QueryServiceIT {

  private static final String CLUSTER = "member2";
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static final KubeAPIServer API_SERVER =
      new KubeAPIServer(
          KubeAPIServerConfigBuilder.anAPIServerConfig().withOfflineMode(true).build());

  private static KubernetesClient client;
  private static SchemaRegistryServer registry;
  private static QueryService service;
  private static KafkaProducer<String, AgentQuery> asker;
  private static KafkaConsumer<String, AgentQueryReply> replies;
  private static final Map<String, AgentQueryReply> REPLIES = new HashMap<>();
  private static String requestTopic;
  private static final List<RecordSkipped> SKIPPED = new CopyOnWriteArrayList<>();
  private static Map<String, Object> rawProducerConfig;

  @BeforeAll
  static void start(EmbeddedKafkaBroker broker, TestTopics testTopics) throws Exception {
    API_SERVER.start();
    client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(API_SERVER.getKubeConfigYaml()))
            .build();
    createObjects();

    Topics topics = new Topics(testTopics.prefix());
    requestTopic = topics.query(CLUSTER);
    broker.createTopic(requestTopic, 1, Map.of());
    broker.createTopic(topics.queryReply(CLUSTER), 1, Map.of());
    registry =
        SchemaRegistryServer.start(
            RegistrySettings.of(broker.bootstrapServers()).withTopic(testTopics.name("_schemas")));
    asker = new KafkaProducer<>(StatusTopics.producerConfig(broker, registry.url()));
    replies = new KafkaConsumer<>(StatusTopics.consumerConfig(broker, registry.url()));
    TopicPartition replyPartition = new TopicPartition(topics.queryReply(CLUSTER), 0);
    replies.assign(List.of(replyPartition));
    replies.seekToBeginning(List.of(replyPartition));

    // An old query, asked before the agent started: nobody waits for its answer.
    send(query("before-start", "v1", "Namespace", null, null, null));

    Map<String, Object> kafkaConfig = broker.clientConfig();
    kafkaConfig.put(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
    QuerySettings settings =
        QuerySettings.defaults()
            .withAllowedKinds(
                List.of("apps/Deployment", "core/Secret", "core/Namespace", "example.com/Widget"));
    service = new QueryService(CLUSTER, topics, kafkaConfig, client, settings, SKIPPED::add);
    rawProducerConfig = new HashMap<>(broker.clientConfig());
    rawProducerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    rawProducerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    service.start();
    assertThat(service.awaitAssignment(PATIENCE)).as("query service assigned").isTrue();
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable closeable :
        new AutoCloseable[] {service, asker, replies, client, registry}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        // Closing the rest matters more.
      }
    }
    API_SERVER.stop();
  }

  @Test
  void answersWithTheObjectsTheLabelSelectorMatchesInKubectlSyntax() {
    AgentQueryReply reply =
        ask(query(id(), "apps/v1", "Deployment", "shop", null, "app in (web, api),!canary"));

    assertThat(reply.getOk()).as("reply %s", reply).isTrue();
    assertThat(reply.getError()).isNull();
    assertThat(reply.getCluster()).isEqualTo(CLUSTER);
    List<GenericKubernetesResource> objects = parse(reply);
    assertThat(objects)
        .extracting(o -> o.getMetadata().getName())
        .containsExactlyInAnyOrder("web", "api");
    assertThat(objects)
        .allSatisfy(
            o -> {
              assertThat(o.getApiVersion()).isEqualTo("apps/v1");
              assertThat(o.getKind()).isEqualTo("Deployment");
              assertThat(o.getMetadata().getNamespace()).isEqualTo("shop");
              assertThat(o.getMetadata().getManagedFields()).isNullOrEmpty();
            });
  }

  @Test
  void aRecordThatIsNotAQueryIsSkippedAndReportedAndTheNextQueryIsAnswered() throws Exception {
    long offset;
    try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(rawProducerConfig)) {
      offset =
          raw.send(new ProducerRecord<>(requestTopic, "poison", new byte[] {1, 2, 3, 4, 5, 6}))
              .get()
              .offset();
    }

    AgentQueryReply reply = ask(query(id(), "apps/v1", "Deployment", "shop", "web", null));

    assertThat(reply.getOk()).as("reply %s", reply).isTrue();
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(SKIPPED)
                    .anySatisfy(
                        skipped -> {
                          assertThat(skipped.getTopic()).isEqualTo(requestTopic);
                          assertThat(skipped.getPartition()).isZero();
                          assertThat(skipped.getOffset()).isEqualTo(offset);
                          assertThat(skipped.getConsumer())
                              .isEqualTo("propagation-agent/" + CLUSTER);
                          assertThat(skipped.getReason()).contains("first byte is 1");
                        }));
  }

  @Test
  void aNameSelectsOneObjectAndNoNamespaceMeansEveryNamespace() {
    AgentQueryReply byName = ask(query(id(), "apps/v1", "Deployment", "shop", "web", null));
    AgentQueryReply everywhere = ask(query(id(), "apps/v1", "Deployment", null, null, "tier=back"));
    AgentQueryReply absent =
        ask(query(id(), "apps/v1", "Deployment", "shop", "nothing-here", null));

    assertThat(parse(byName)).extracting(o -> o.getMetadata().getName()).containsExactly("web");
    assertThat(parse(everywhere))
        .extracting(o -> o.getMetadata().getNamespace() + "/" + o.getMetadata().getName())
        .containsExactlyInAnyOrder("shop/api", "billing/ledger");
    assertThat(absent.getOk()).isTrue();
    assertThat(absent.getObjects()).isEmpty();
  }

  @Test
  void secretsComeBackWithoutTheirData() {
    AgentQueryReply reply = ask(query(id(), "v1", "Secret", "shop", "db", null));

    assertThat(reply.getOk()).as("reply %s", reply).isTrue();
    assertThat(reply.getObjects())
        .singleElement()
        .satisfies(
            json -> {
              assertThat(json).doesNotContain("aHVudGVyMg==").doesNotContain("hunter2");
              assertThat(json).contains("\"name\":\"db\"").contains("\"type\":\"Opaque\"");
            });
  }

  @Test
  void aKindTheSettingsDoNotAllowIsRefusedWithTheReason() {
    AgentQueryReply reply = ask(query(id(), "v1", "ConfigMap", "shop", null, null));

    assertThat(reply.getOk()).isFalse();
    assertThat(reply.getObjects()).isEmpty();
    assertThat(reply.getError())
        .contains("core/ConfigMap")
        .contains("may not be read")
        .contains("apps/Deployment");
  }

  @Test
  void anUnknownKindOrGroupIsRefusedAsTheServerHasNoSuchResource() {
    AgentQueryReply unknownGroup = ask(query(id(), "example.com/v1", "Widget", null, null, null));
    AgentQueryReply unknownKind = ask(query(id(), "apps/v1", "Deploymnt", null, null, null));

    assertThat(unknownGroup.getOk()).isFalse();
    assertThat(unknownGroup.getError()).contains("Widget").contains("example.com/v1");
    assertThat(unknownKind.getOk()).isFalse();
    assertThat(unknownKind.getError()).contains("Deploymnt");
  }

  @Test
  void aBadSelectorIsRefusedWithTheApiServersMessage() {
    AgentQueryReply reply = ask(query(id(), "apps/v1", "Deployment", "shop", null, "app in (web"));

    assertThat(reply.getOk()).as("reply %s", reply).isFalse();
    assertThat(reply.getError()).containsIgnoringCase("unable to parse requirement");
  }

  @Test
  void aNamespaceForAClusterScopedKindAndAnotherClustersQueryAreRefused() {
    AgentQueryReply namespaced = ask(query(id(), "v1", "Namespace", "shop", null, null));
    AgentQuery forMember1 =
        AgentQuery.newBuilder(query(id(), "v1", "Namespace", null, null, null))
            .setCluster("member1")
            .build();
    AgentQueryReply otherCluster = ask(forMember1);

    assertThat(namespaced.getOk()).isFalse();
    assertThat(namespaced.getError()).contains("cluster-scoped").contains("'shop'");
    assertThat(otherCluster.getOk()).isFalse();
    assertThat(otherCluster.getError()).contains("'member1'").contains("'member2'");
  }

  @Test
  void aQueryAskedBeforeTheServiceStartedIsNotAnswered() {
    // Answered in order: once a later query's reply is there, the old one would have been too.
    ask(query(id(), "v1", "Namespace", null, "shop", null));

    assertThat(REPLIES).doesNotContainKey("before-start");
  }

  private static void createObjects() {
    for (String namespace : List.of("shop", "billing")) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .create();
    }
    client.resource(deployment("shop", "web", Map.of("app", "web", "tier", "front"))).create();
    client.resource(deployment("shop", "api", Map.of("app", "api", "tier", "back"))).create();
    client
        .resource(deployment("shop", "web-canary", Map.of("app", "web", "canary", "true")))
        .create();
    client
        .resource(deployment("billing", "ledger", Map.of("app", "ledger", "tier", "back")))
        .create();
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("db")
                .withNamespace("shop")
                .endMetadata()
                .withType("Opaque")
                .addToData("password", "aHVudGVyMg==")
                .build())
        .create();
  }

  private static Deployment deployment(String namespace, String name, Map<String, String> labels) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("main")
        .withImage("busybox")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }

  private static AgentQuery query(
      String id, String apiVersion, String kind, String namespace, String name, String selector) {
    return AgentQuery.newBuilder()
        .setQueryId(id)
        .setCluster(CLUSTER)
        .setApiVersion(apiVersion)
        .setKind(kind)
        .setNamespace(namespace)
        .setName(name)
        .setLabelSelector(selector)
        .setRequestedAt(Instant.now())
        .build();
  }

  private static void send(AgentQuery query) throws Exception {
    asker.send(new ProducerRecord<>(requestTopic, query.getQueryId(), query)).get();
  }

  private static AgentQueryReply ask(AgentQuery query) {
    try {
      send(query);
    } catch (Exception e) {
      throw new AssertionError("sending query " + query.getQueryId(), e);
    }
    await("the reply to " + query.getQueryId())
        .atMost(PATIENCE)
        .pollDelay(Duration.ZERO)
        .pollInSameThread()
        .pollInterval(Duration.ofMillis(1))
        .until(
            () -> {
              for (ConsumerRecord<String, AgentQueryReply> record :
                  replies.poll(Duration.ofMillis(200))) {
                REPLIES.put(record.key(), record.value());
              }
              return REPLIES.containsKey(query.getQueryId());
            });
    AgentQueryReply reply = REPLIES.get(query.getQueryId());
    assertThat(reply).as("reply to %s", query).isNotNull();
    assertThat(reply.getQueryId()).isEqualTo(query.getQueryId());
    return reply;
  }

  private static List<GenericKubernetesResource> parse(AgentQueryReply reply) {
    return reply.getObjects().stream()
        .map(
            json ->
                client
                    .getKubernetesSerialization()
                    .unmarshal(json, GenericKubernetesResource.class))
        .toList();
  }
}
