package io.kafleet.placement.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.events.ClusterHeartbeat;
import io.kafleet.events.StatusEvent;
import io.kafleet.events.Work;
import io.kafleet.kafka.embedded.AuthenticatedKafkaBrokerExtension;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.placement.Heartbeats;
import io.kafleet.placement.PlacementApp;
import io.kafleet.placement.Records;
import io.kafleet.placement.ServiceHttp;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.schemas.Topics;
import io.kafleet.sealing.SealingKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Join, rotate and leave through placement-service's API on an authenticated broker, with
 * placement-service itself logging in as the broker's admin: the credentials a join returns work
 * for the cluster's own topics only, bad input changes nothing, and after a leave the old
 * credentials fail. The leave tests come last: they end the credentials the others use.
 */
@ExtendWith(AuthenticatedKafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterJoinIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private EmbeddedKafkaBroker broker;
  private Topics topics;
  private SchemaRegistryServer registry;
  private PlacementApp app;
  private JsonNode member1;
  private JsonNode member2;

  @BeforeAll
  void start(EmbeddedKafkaBroker broker, TestTopics testTopics) {
    this.broker = broker;
    this.topics = new Topics(testTopics.prefix());
    this.registry =
        SchemaRegistryServer.start(
            RegistrySettings.of(broker.bootstrapServers())
                .withTopic(testTopics.name("_schemas"))
                .withKafkaProperties(broker.adminClientProperties()));
    List<String> overrides = new ArrayList<>();
    overrides.add("--kafleet.clusters.auto-accept=false");
    overrides.add("--kafleet.clusters.leave-timeout=20s");
    broker
        .adminClientProperties()
        .forEach(
            (key, value) -> {
              if (!key.equals("bootstrap.servers")) {
                for (String family :
                    List.of(
                        "kafleet.kafka.properties",
                        "spring.kafka.properties",
                        "spring.cloud.stream.kafka.binder.configuration")) {
                  overrides.add("--" + family + "[" + key + "]=" + value);
                }
              }
            });
    this.app =
        PlacementApp.start(
            broker, registry.url(), testTopics.prefix(), overrides.toArray(String[]::new));
  }

  @AfterAll
  void stop() {
    app.close();
    registry.close();
  }

  @Test
  @Order(1)
  void aJoinAnswersTheAgentsCredentialsWhichReachOnlyItsOwnTopics() throws Exception {
    HttpResponse<String> joined = join("cj-member1", "{\"env\":\"prod\"}", newPublicKey());
    assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
    member1 = JSON.readTree(joined.body());
    assertThat(member1.path("cluster").asString()).isEqualTo("cj-member1");
    assertThat(member1.path("kafka").path("username").asString())
        .isEqualTo("kafleet-agent-cj-member1");
    assertThat(member1.path("kafka").path("mechanism").asString()).isEqualTo("SCRAM-SHA-512");
    assertThat(member1.path("kafka").path("securityProtocol").asString())
        .isEqualTo("SASL_PLAINTEXT");
    assertThat(member1.path("kafka").path("password").asString()).hasSizeGreaterThan(30);
    assertThat(member1.path("topics").path("executionSpace").asString())
        .isEqualTo(topics.executionSpace("cj-member1"));
    assertThat(member1.path("labels").path("env").asString()).isEqualTo("prod");
    ServiceHttp.awaitBodyContaining(app.url("/api/v1/clusters/cj-member1"), "\"accepted\":true");

    heartbeat("cj-member1", member1);
    assertThat(sendFails(member1, topics.status("cj-member2")))
        .isInstanceOf(TopicAuthorizationException.class);
    assertThat(sendFails(member1, topics.executionSpace("cj-member1")))
        .as("the agent may not write its own works")
        .isInstanceOf(TopicAuthorizationException.class);
  }

  @Test
  @Order(2)
  void aJoinOfAJoinedClusterIsAConflictAndItsPasswordStillWorks() throws Exception {
    Snapshot before = snapshot();
    HttpResponse<String> again = join("cj-member1", null, newPublicKey());
    assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
    assertThat(again.body()).contains("cj-member1").contains("joined already");
    assertThat(snapshot()).isEqualTo(before);
    heartbeat("cj-member1", member1);
  }

  @Test
  @Order(2)
  void badInputIsRefusedNamingTheFieldAndNothingIsCreated() throws Exception {
    Snapshot before = snapshot();
    for (String name : List.of("Member_1", "-a", "a".repeat(64))) {
      HttpResponse<String> refused = join(name, null, newPublicKey());
      assertThat(refused.statusCode()).as(name + ": " + refused.body()).isEqualTo(400);
      assertThat(JSON.readTree(refused.body()).path("field").asString()).isEqualTo("name");
      assertThat(refused.body()).contains("not a DNS label");
    }
    HttpResponse<String> noKey = join("cj-member9", null, null);
    assertThat(noKey.statusCode()).as(noKey.body()).isEqualTo(400);
    assertThat(JSON.readTree(noKey.body()).path("field").asString()).isEqualTo("sealingPublicKey");
    HttpResponse<String> privateKey =
        join("cj-member9", null, SealingKeys.encode(SealingKeys.generate().getPrivate()));
    assertThat(privateKey.statusCode()).as(privateKey.body()).isEqualTo(400);
    assertThat(JSON.readTree(privateKey.body()).path("field").asString())
        .isEqualTo("sealingPublicKey");
    HttpResponse<String> badLabel = join("cj-member9", "{\"bad key\":\"x\"}", newPublicKey());
    assertThat(badLabel.statusCode()).as(badLabel.body()).isEqualTo(400);
    assertThat(JSON.readTree(badLabel.body()).path("field").asString()).isEqualTo("labels");
    HttpResponse<String> notJson =
        call("POST", "/api/v1/clusters/cj-member9/join", PlacementApp.ADMIN_TOKEN, "{oops");
    assertThat(notJson.statusCode()).as(notJson.body()).isEqualTo(400);
    assertThat(JSON.readTree(notJson.body()).path("field").asString()).isEqualTo("body");

    HttpResponse<String> leaveUnknown = leave("cj-member9", false);
    assertThat(leaveUnknown.statusCode()).as(leaveUnknown.body()).isEqualTo(404);
    assertThat(leaveUnknown.body()).contains("cj-member9").contains("has not joined");
    HttpResponse<String> rotateUnknown =
        call("POST", "/api/v1/clusters/cj-member9/rotate", PlacementApp.ADMIN_TOKEN, null);
    assertThat(rotateUnknown.statusCode()).as(rotateUnknown.body()).isEqualTo(404);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  @Order(2)
  void onlyAdminsJoinRotateAndLeave() throws Exception {
    Snapshot before = snapshot();
    for (String token : List.of(PlacementApp.VIEWER_TOKEN, PlacementApp.OPERATOR_TOKEN)) {
      for (String action : List.of("join", "rotate", "leave")) {
        HttpResponse<String> refused =
            call(
                "POST",
                "/api/v1/clusters/cj-member1/" + action,
                token,
                "{\"sealingPublicKey\":\"" + newPublicKey() + "\"}");
        assertThat(refused.statusCode()).as(action + ": " + refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("admin role required");
      }
    }
    for (String header : List.of("Bearer", "Bearer {garbage}", "test-admin-token")) {
      HttpResponse<String> refused =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(app.url("/api/v1/clusters/cj-member1/rotate")))
                  .header("Authorization", header)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).as(header + ": " + refused.body()).isEqualTo(401);
      assertThat(JSON.readTree(refused.body()).path("reason").asString()).isNotBlank();
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  @Order(3)
  void aRotateEndsTheOldPasswordAndTheNewOneWorks() throws Exception {
    HttpResponse<String> rotated =
        call("POST", "/api/v1/clusters/cj-member1/rotate", PlacementApp.ADMIN_TOKEN, null);
    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(rotated.body());
    assertThat(answer.path("kafka").path("password").asString())
        .isNotEqualTo(member1.path("kafka").path("password").asString());
    assertThat(sendFails(member1, topics.status("cj-member1")))
        .isInstanceOf(SaslAuthenticationException.class);
    member1 = JSON.readTree("{\"kafka\":" + answer.path("kafka") + "}");
    heartbeat("cj-member1", member1);
  }

  @Test
  @Order(4)
  void aLeaveRemovesTheWorksWaitsForTheAgentThenEndsItsAccess() throws Exception {
    try (FakeAgent agent = new FakeAgent(broker, registry.url(), topics, "cj-member1", member1)) {
      apply("cj-member1");
      agent.awaitApplied("core/ConfigMap/default/settings-cj-member1");
      HttpResponse<String> left = leave("cj-member1", false);
      assertThat(left.statusCode()).as(left.body()).isEqualTo(200);
      JsonNode outcome = JSON.readTree(left.body());
      assertThat(outcome.path("removed").asInt()).as(left.body()).isEqualTo(1);
      assertThat(outcome.path("kept").asInt()).isZero();
      assertThat(outcome.path("notConfirmed").isEmpty()).as(left.body()).isTrue();
    }
    assertThat(sendFails(member1, topics.status("cj-member1")))
        .isInstanceOf(SaslAuthenticationException.class);
    HttpResponse<String> again = leave("cj-member1", false);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(404);
    ServiceHttp.awaitBodyContaining(app.url("/api/v1/clusters/cj-member1"), "\"accepted\":false");
  }

  @Test
  @Order(5)
  void aLeaveThatKeepsResourcesAsksTheAgentToKeepEachObjectFirst() throws Exception {
    HttpResponse<String> joined = join("cj-member2", null, newPublicKey());
    assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
    member2 = JSON.readTree(joined.body());
    try (FakeAgent agent = new FakeAgent(broker, registry.url(), topics, "cj-member2", member2)) {
      heartbeat("cj-member2", member2);
      ServiceHttp.awaitBodyContaining(app.url("/api/v1/clusters/cj-member2"), "\"ready\":true");
      apply("cj-member2");
      agent.awaitApplied("core/ConfigMap/default/settings-cj-member2");
      HttpResponse<String> left = leave("cj-member2", true);
      assertThat(left.statusCode()).as(left.body()).isEqualTo(200);
      JsonNode outcome = JSON.readTree(left.body());
      assertThat(outcome.path("kept").asInt()).as(left.body()).isEqualTo(1);
      assertThat(outcome.path("removed").asInt()).isZero();
    }
    List<ConsumerRecord<String, Work>> works =
        Records.readAll(broker, registry.url(), topics.executionSpace("cj-member2"));
    Work last = works.get(works.size() - 2).value();
    assertThat(last.getPreserveOnDeletion()).as("the work before the tombstone").isTrue();
    assertThat(works.get(works.size() - 1).value()).as("the last record").isNull();
    assertThat(sendFails(member2, topics.status("cj-member2")))
        .isInstanceOf(SaslAuthenticationException.class);
  }

  private void apply(String cluster) throws Exception {
    String yaml =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings-%1$s, namespace: default}
        data: {a: b}
        ---
        apiVersion: policy.karmada.io/v1alpha1
        kind: PropagationPolicy
        metadata: {name: settings-%1$s, namespace: default}
        spec:
          resourceSelectors: [{apiVersion: v1, kind: ConfigMap, name: settings-%1$s}]
          placement: {clusterAffinity: {clusterNames: [%1$s]}}
        """
            .formatted(cluster);
    HttpResponse<String> applied = ServiceHttp.postYaml(app.url("/api/v1/apply?source=t"), yaml);
    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
  }

  private HttpResponse<String> join(String name, String labels, String key) throws Exception {
    String body =
        "{"
            + (labels == null ? "" : "\"labels\":" + labels + ",")
            + "\"sealingPublicKey\":"
            + (key == null ? "null" : "\"" + key + "\"")
            + "}";
    return call("POST", "/api/v1/clusters/" + name + "/join", PlacementApp.ADMIN_TOKEN, body);
  }

  private HttpResponse<String> leave(String name, boolean keep) throws Exception {
    return call(
        "POST",
        "/api/v1/clusters/" + name + "/leave?keepResources=" + keep,
        PlacementApp.ADMIN_TOKEN,
        null);
  }

  private HttpResponse<String> call(String method, String path, String token, String json)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(app.url(path)))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String newPublicKey() {
    return SealingKeys.encode(SealingKeys.generate().getPublic());
  }

  /** A heartbeat written with the agent's own credentials, as its agent would. */
  private void heartbeat(String cluster, JsonNode answer) throws Exception {
    ClusterHeartbeat heartbeat = Heartbeats.heartbeat(cluster, "v1.36.3", Instant.now());
    try (var producer = FakeAgent.producer(broker, registry.url(), answer)) {
      producer
          .send(
              new ProducerRecord<>(
                  topics.status(cluster), cluster, new StatusEvent(cluster, heartbeat)))
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  /** What Kafka's first failure was on a send with the agent's credentials. */
  private Throwable sendFails(JsonNode answer, String topic) {
    Map<String, Object> config = FakeAgent.clientConfig(broker, answer);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    try (var producer = new KafkaProducer<String, String>(config)) {
      producer.send(new ProducerRecord<>(topic, "k", "v")).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      throw new AssertionError("a send to " + topic + " succeeded; expected a Kafka error");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      return e;
    }
  }

  /** Every topic, SCRAM user and ACL of the broker. */
  private Snapshot snapshot() throws Exception {
    try (Admin admin = broker.admin()) {
      return new Snapshot(
          new TreeSet<>(admin.listTopics().names().get()),
          new TreeSet<>(
              admin.describeUserScramCredentials().all().get().keySet().stream().toList()),
          new TreeSet<>(
              admin.describeAcls(AclBindingFilter.ANY).values().get().stream()
                  .map(Object::toString)
                  .toList()));
    }
  }

  private record Snapshot(Set<String> topics, Set<String> users, Set<String> acls) {}
}
