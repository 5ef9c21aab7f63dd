package io.kafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.kafleet.events.ClusterStateChanged;
import io.kafleet.events.FleetEvent;
import io.kafleet.kafka.embedded.AuthenticatedKafkaBrokerExtension;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.placement.PlacementServiceApplication;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.schemas.Topics;
import io.kafleet.sealing.SealingKeys;
import io.kafleet.serde.KafleetAvroDeserializer;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * A reader of the fleet events for Kafka tools, made with {@code kafleet access reader} (run
 * in-process) against placement-service on an authenticated broker, placement-service logging in as
 * the broker's admin: a plain {@code KafkaConsumer} loads the printed properties as they are, reads
 * and decodes an event placement-service published in a group of its prefix, is refused any other
 * group, and cannot log in after {@code kafleet access revoke}. Refusals change nothing on the
 * broker.
 */
@ExtendWith(AuthenticatedKafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReaderAccessIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String CLUSTER = "ra-member1";

  /** placement-service's static tokens, one per role. */
  private static final String ADMIN_TOKEN = "ra-admin-token";

  private static final String OPERATOR_TOKEN = "ra-operator-token";
  private static final String VIEWER_TOKEN = "ra-viewer-token";

  private EmbeddedKafkaBroker broker;
  private Topics topics;
  private SchemaRegistryServer registry;
  private ConfigurableApplicationContext app;
  private Properties grafana;

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
    overrides.add("--server.port=0");
    overrides.add("--kafleet.kafka.bootstrap-servers=" + broker.bootstrapServers());
    overrides.add("--kafleet.schema-registry.url=" + registry.url());
    overrides.add("--kafleet.topic-prefix=" + testTopics.prefix());
    String[][] tokens = {
      {"ra-admin", "admin", ADMIN_TOKEN},
      {"ra-operator", "operator", OPERATOR_TOKEN},
      {"ra-viewer", "viewer", VIEWER_TOKEN}
    };
    for (int i = 0; i < tokens.length; i++) {
      String entry = "--kafleet.security.static-tokens[" + i + "].";
      overrides.add(entry + "name=" + tokens[i][0]);
      overrides.add(entry + "role=" + tokens[i][1]);
      overrides.add(entry + "token=" + tokens[i][2]);
    }
    overrides.add("--kafleet.clusters.auto-accept=false");
    overrides.add("--kafleet.clusters.heartbeat-interval=1h");
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
    this.app = PlacementServiceApplication.builder().run(overrides.toArray(String[]::new));
  }

  private String url(String path) {
    return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + path;
  }

  @AfterAll
  void stop() {
    app.close();
    registry.close();
  }

  @Test
  @Order(1)
  void aReaderReadsAndDecodesTheEventsInAGroupOfItsPrefix() throws Exception {
    Cli created = cli("access", "reader", "ra-grafana", "--group-prefix", "ra-dash-");
    assertThat(created.exitCode()).as(created.err()).isZero();
    grafana = new Properties();
    grafana.load(new StringReader(created.out()));
    assertThat(grafana.getProperty("group.id")).startsWith("ra-dash-");
    assertThat(grafana.getProperty("sasl.jaas.config")).contains("kafleet-reader-ra-grafana");
    assertThat(grafana.getProperty("schema.registry.url")).isEqualTo(registry.url());

    // Something for placement-service to publish: a join makes a ClusterStateChanged event.
    HttpResponse<String> joined =
        call(
            "POST",
            "/api/v1/clusters/" + CLUSTER + "/join",
            ADMIN_TOKEN,
            "{\"sealingPublicKey\":\""
                + SealingKeys.encode(SealingKeys.generate().getPublic())
                + "\"}");
    assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);

    try (KafkaConsumer<String, FleetEvent> consumer = consumer(grafana)) {
      consumer.subscribe(List.of(topics.placementEvents()));
      List<String> seen = new ArrayList<>();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                consumer
                    .poll(Duration.ofMillis(500))
                    .forEach(
                        record -> {
                          if (record.value().getPayload() instanceof ClusterStateChanged changed) {
                            seen.add(changed.getCluster() + " accepted=" + changed.getAccepted());
                          }
                        });
                assertThat(seen).contains(CLUSTER + " accepted=true");
              });
      consumer.commitSync();
    }
  }

  @Test
  @Order(2)
  void anotherGroupIsRefusedWithAnAuthorizationError() {
    Properties other = (Properties) grafana.clone();
    other.setProperty("group.id", "ra-other-group");
    try (KafkaConsumer<String, FleetEvent> consumer = consumer(other)) {
      consumer.subscribe(List.of(topics.placementEvents()));
      Throwable refused = catchThrowable(() -> consumer.poll(Duration.ofSeconds(20)));

      assertThat(refused)
          .isInstanceOf(GroupAuthorizationException.class)
          .hasMessageContaining("ra-other-group");
    }
  }

  @Test
  @Order(2)
  void badNamesAndPrefixesAreRefusedNamingTheFieldAndNothingChanges() throws Exception {
    Snapshot before = snapshot();
    for (String name : List.of("Grafana", "-a", "a".repeat(64))) {
      HttpResponse<String> refused = create(name, null, ADMIN_TOKEN);
      assertThat(refused.statusCode()).as(name + ": " + refused.body()).isEqualTo(400);
      assertThat(JSON.readTree(refused.body()).path("field").asString()).isEqualTo("name");
    }
    for (String prefix : List.of("", "*", "kafleet-", "kafleet-agent-", "kafleet-events-")) {
      HttpResponse<String> refused = create("ra-tool", prefix, ADMIN_TOKEN);
      assertThat(refused.statusCode()).as(prefix + ": " + refused.body()).isEqualTo(400);
      assertThat(JSON.readTree(refused.body()).path("field").asString()).isEqualTo("groupPrefix");
    }
    HttpResponse<String> kafleet = create("kafleet", null, ADMIN_TOKEN);
    assertThat(kafleet.statusCode()).as(kafleet.body()).isEqualTo(400);
    assertThat(kafleet.body()).contains("would cover kafleet's own consumer groups");

    Cli cli = cli("access", "reader", "ra-tool", "--group-prefix", "kafleet-");
    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err()).contains("groupPrefix: 'kafleet-' would cover kafleet's own");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  @Order(2)
  void anExistingReaderOrAnOverlappingPrefixIsAConflictAndNothingChanges() throws Exception {
    Snapshot before = snapshot();
    HttpResponse<String> again = create("ra-grafana", "ra-elsewhere-", ADMIN_TOKEN);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
    assertThat(again.body()).contains("reader ra-grafana exists already");
    for (String overlapping : List.of("ra-dash-x-", "ra-")) {
      HttpResponse<String> refused = create("ra-tool", overlapping, ADMIN_TOKEN);
      assertThat(refused.statusCode()).as(overlapping + ": " + refused.body()).isEqualTo(409);
      assertThat(refused.body()).contains("overlaps reader ra-grafana");
    }
    HttpResponse<String> unknown =
        call("DELETE", "/api/v1/access/readers/ra-nobody", ADMIN_TOKEN, null);
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
    assertThat(unknown.body()).contains("reader ra-nobody is unknown");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  @Order(2)
  void onlyAdminsCreateAndRevokeReaders() throws Exception {
    Snapshot before = snapshot();
    for (String token : List.of(VIEWER_TOKEN, OPERATOR_TOKEN)) {
      HttpResponse<String> create = create("ra-tool", null, token);
      assertThat(create.statusCode()).as(create.body()).isEqualTo(403);
      assertThat(create.body()).contains("admin role required");
      HttpResponse<String> revoke =
          call("DELETE", "/api/v1/access/readers/ra-grafana", token, null);
      assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(403);
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  @Order(3)
  void aReaderWithoutAPrefixConsumesInGroupsOfItsName() throws Exception {
    Cli created = cli("access", "reader", "ra-connect");
    assertThat(created.exitCode()).as(created.err()).isZero();
    Properties connect = new Properties();
    connect.load(new StringReader(created.out()));
    assertThat(connect.getProperty("group.id")).isEqualTo("ra-connect-events");
    try (KafkaConsumer<String, FleetEvent> consumer = consumer(connect)) {
      consumer.subscribe(List.of(topics.placementEvents()));
      await().atMost(WAIT).until(() -> !consumer.poll(Duration.ofMillis(500)).isEmpty());
    }
    assertThat(cli("access", "revoke", "ra-connect").exitCode()).isZero();
  }

  @Test
  @Order(4)
  void afterARevokeTheReaderCannotLogInAndHasNoAclsLeft() throws Exception {
    Cli revoked = cli("access", "revoke", "ra-grafana");
    assertThat(revoked.exitCode()).as(revoked.err()).isZero();
    assertThat(revoked.out()).contains("reader/ra-grafana revoked");

    try (KafkaConsumer<String, FleetEvent> consumer = consumer(grafana)) {
      Throwable refused = catchThrowable(() -> consumer.listTopics(Duration.ofSeconds(20)));
      assertThat(refused).isInstanceOf(SaslAuthenticationException.class);
    }
    assertThat(snapshot().acls()).noneMatch(acl -> acl.contains("kafleet-reader-"));
    assertThat(snapshot().users()).noneMatch(user -> user.startsWith("kafleet-reader-"));
    assertThat(cli("access", "revoke", "ra-grafana").exitCode()).isEqualTo(1);
  }

  /** A consumer with the printed properties as they are, and kafleet's serde for the values. */
  private static KafkaConsumer<String, FleetEvent> consumer(Properties printed) {
    Map<String, Object> config = new HashMap<>();
    printed.forEach((key, value) -> config.put((String) key, value));
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafleetAvroDeserializer.class);
    return new KafkaConsumer<>(config);
  }

  /** {@code kafleet ARGS --server URL --token ADMIN}, in this JVM. */
  private Cli cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = KafleetCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--server=" + url(""));
    all.add("--token=" + ADMIN_TOKEN);
    int exitCode = commandLine.execute(all.toArray(String[]::new));
    return new Cli(exitCode, out.toString(), err.toString());
  }

  private record Cli(int exitCode, String out, String err) {}

  private HttpResponse<String> create(String name, String prefix, String token) throws Exception {
    return call(
        "POST",
        "/api/v1/access/readers/" + name,
        token,
        prefix == null ? null : JSON.writeValueAsString(Map.of("groupPrefix", prefix)));
  }

  private HttpResponse<String> call(String method, String path, String token, String json)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url(path)))
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

  /** Every topic, SCRAM user and ACL of the broker. */
  private Snapshot snapshot() throws Exception {
    try (Admin admin = broker.admin()) {
      return new Snapshot(
          new TreeSet<>(admin.listTopics().names().get()),
          new TreeSet<>(admin.describeUserScramCredentials().all().get().keySet()),
          new TreeSet<>(
              admin.describeAcls(AclBindingFilter.ANY).values().get().stream()
                  .map(Object::toString)
                  .toList()));
    }
  }

  private record Snapshot(Set<String> topics, Set<String> users, Set<String> acls) {}
}
