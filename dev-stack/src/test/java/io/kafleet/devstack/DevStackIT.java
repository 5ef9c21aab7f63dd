package io.kafleet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.kafleet.cli.KafleetCommand;
import io.kafleet.events.Work;
import io.kafleet.serde.SchemaRegistryClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DevStackIT {

  @Test
  void startsABrokerARegistryAndTheServicesWhoseStateAndTokensSurviveARestart(@TempDir Path state)
      throws Exception {
    // One mock member: its join makes its topics; after the restart it is rotated, not re-joined.
    DevStackSettings settings =
        new DevStackSettings(state, 0, 0, 0, 0, List.of("member1")).withMockClusters();
    int workSchemaId;
    try (DevStack stack = DevStack.start(settings)) {
      assertThat(stack.endpoints())
          .contains(stack.bootstrapServers(), stack.schemaRegistryUrl(), stack.placementUrl());
      assertThat(clusters(stack, null).statusCode()).as("without a token").isEqualTo(401);
      HttpResponse<String> clusters = clusters(stack, stack.tokens().viewer());
      assertThat(clusters.statusCode()).as("placement-service: %s", clusters.body()).isEqualTo(200);
      assertThat(stack.endpoints()).contains(stack.cliConfig().toAbsolutePath().toString());
      assertPrintedMetricsAndHealthUrlsAnswer(stack);
      assertPrintedConsoleUrlAnswers(stack);
      assertThat(Files.readString(stack.cliConfig()))
          .contains("current-context: dev-admin", "token: " + stack.tokens().admin());
      workSchemaId =
          new SchemaRegistryClient(stack.schemaRegistryUrl())
              .register("kafleet.es.member1-value", Work.getClassSchema());
      awaitLiveQuery(stack, "member1");
    }

    DevTokens first = DevTokens.loadOrCreate(state);
    try (DevStack stack = DevStack.start(settings)) {
      assertThat(stack.tokens()).as("API tokens after a restart").isEqualTo(first);
      assertThat(clusters(stack, first.admin()).statusCode()).isEqualTo(200);
      SchemaRegistryClient registry = new SchemaRegistryClient(stack.schemaRegistryUrl());
      assertThat(registry.version("kafleet.es.member1-value", "latest").id())
          .as("schema id after the stack restarted on the same state")
          .isEqualTo(workSchemaId);
      try (Admin admin = admin(stack)) {
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
            .contains("kafleet.es.member1");
      }
      // Answered by member1's agent over Kafka: it logs in with the password of the rotation.
      awaitLiveQuery(stack, "member1");
    }
  }

  /**
   * The metrics and health URLs that {@code kafleet up} prints answer: the services' Prometheus
   * endpoints with a viewer token, their probes without one, and the agent's probes on its health
   * port (whose {@code /metrics} MetricsE2EIT scrapes).
   */
  private static void assertPrintedMetricsAndHealthUrlsAnswer(DevStack stack) throws Exception {
    String printed = stack.endpoints();
    for (String service : List.of(stack.placementUrl(), stack.trafficUrl())) {
      assertThat(printed)
          .contains(
              service + "/actuator/prometheus",
              service + "/actuator/health/liveness",
              service + "/actuator/health/readiness");
      HttpResponse<String> metrics =
          get(stack, service + "/actuator/prometheus", stack.tokens().viewer());
      assertThat(metrics.statusCode()).as("%s/actuator/prometheus", service).isEqualTo(200);
      assertThat(metrics.body()).contains("# TYPE jvm_memory_used_bytes gauge");
      assertThat(get(stack, service + "/actuator/health/liveness", null).statusCode())
          .as("%s/actuator/health/liveness without a token", service)
          .isEqualTo(200);
    }
    String agent = stack.cluster("member1").healthUrl();
    assertThat(printed)
        .contains(
            "member1    agent metrics " + agent + "/metrics",
            agent + "/healthz",
            agent + "/readyz");
    assertThat(get(stack, agent + "/healthz", null).statusCode())
        .as("%s/healthz of the running agent", agent)
        .isEqualTo(200);
  }

  /**
   * The console URL that {@code kafleet up} prints leads to the page, which needs no token, and its
   * traffic pages reach traffic-service through placement-service over the stack's HTTPS.
   */
  private static void assertPrintedConsoleUrlAnswers(DevStack stack) throws Exception {
    assertThat(stack.endpoints()).contains("Console          " + stack.consoleUrl());
    HttpResponse<String> root = get(stack, stack.consoleUrl(), null);
    assertThat(root.statusCode()).as("%s without a token", stack.consoleUrl()).isEqualTo(302);
    assertThat(root.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith("/console/"));
    HttpResponse<String> page = get(stack, stack.placementUrl() + "/console/index.html", null);
    assertThat(page.statusCode()).as("the console's page without a token").isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));

    HttpResponse<String> forwarded =
        get(
            stack,
            stack.placementUrl() + "/traffic/api/v1/shifts/no-such-shift",
            stack.tokens().viewer());
    assertThat(forwarded.statusCode())
        .as("traffic-service through placement-service's forwarder: %s", forwarded.body())
        .isEqualTo(404);
    assertThat(forwarded.body()).contains("no shift no-such-shift is known");
  }

  private static HttpResponse<String> get(DevStack stack, String url, String token)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return https(stack).send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A live-object query answered by the member's agent, through its own topics and user. */
  private static void awaitLiveQuery(DevStack stack, String member) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    stack.placementUrl()
                        + "/api/v1/clusters/"
                        + member
                        + "/objects?apiVersion=v1&kind=Namespace"))
            .header("Authorization", "Bearer " + stack.tokens().viewer())
            .build();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              HttpResponse<String> answer =
                  https(stack).send(request, HttpResponse.BodyHandlers.ofString());
              assertThat(answer.statusCode())
                  .as("live query to %s's agent: %s", member, answer.body())
                  .isEqualTo(200);
            });
  }

  private static HttpResponse<String> clusters(DevStack stack, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(stack.placementUrl() + "/api/v1/clusters"));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return https(stack).send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A client trusting the stack's CA only. */
  private static HttpClient https(DevStack stack) {
    return HttpClient.newBuilder().sslContext(stack.sslContext()).build();
  }

  private static Admin admin(DevStack stack) {
    return Admin.create(stack.kafkaClientProperties());
  }

  /**
   * The broker authenticates over TLS by default, the services run as their own principals, and
   * those get only what {@code ControlPlaneAccess} grants: traffic-service cannot write an
   * execution space. Whoever does not trust the stack's CA reaches neither the broker nor the APIs.
   */
  @Test
  void kafkaIsAuthenticatedOverTlsAndEachServiceHasOnlyItsOwnRights(@TempDir Path state)
      throws Exception {
    DevStackSettings settings = new DevStackSettings(state, 0, 0, 0, 0, List.of());
    try (DevStack stack = DevStack.start(settings)) {
      assertThat(stack.kafkaAuthenticated()).isTrue();
      assertThat(stack.placementUrl()).startsWith("https://");
      assertThat(stack.trafficUrl()).startsWith("https://");
      assertThat(stack.endpoints())
          .contains("SASL_SSL", stack.certificateAuthority().toAbsolutePath().toString());
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(state.resolve("tls").resolve("server.key"))))
          .isEqualTo("rw-------");
      Map<String, String> traffic = stack.kafkaClientProperties("kafleet-traffic");
      assertThat(traffic).containsEntry("security.protocol", "SASL_SSL");

      Map<String, String> untrusting = new HashMap<>(traffic);
      untrusting.remove("ssl.truststore.type");
      untrusting.remove("ssl.truststore.location");
      assertThat(causes(catchThrowable(() -> send(stack, untrusting, "kafleet.traffic.events"))))
          .as("a SASL_SSL client that does not trust the stack's CA")
          .hasAtLeastOneElementOfType(SslAuthenticationException.class);
      Map<String, String> plaintext = new HashMap<>(traffic);
      plaintext.put("security.protocol", "SASL_PLAINTEXT");
      assertThat(causes(catchThrowable(() -> send(stack, plaintext, "kafleet.traffic.events"))))
          .as("a SASL_PLAINTEXT client of the TLS listener gets no metadata at all")
          .hasAtLeastOneElementOfType(org.apache.kafka.common.errors.TimeoutException.class);

      HttpRequest unknownShift =
          HttpRequest.newBuilder(URI.create(stack.trafficUrl() + "/api/v1/shifts/no-such-shift"))
              .header("Authorization", "Bearer " + stack.tokens().viewer())
              .build();
      HttpResponse<String> answered =
          https(stack).send(unknownShift, HttpResponse.BodyHandlers.ofString());
      assertThat(answered.statusCode())
          .as("traffic-service over HTTPS, trusting the stack's CA: %s", answered.body())
          .isEqualTo(404);
      assertThat(answered.body()).contains("no shift no-such-shift is known");
      assertThat(
              causes(
                  catchThrowable(
                      () ->
                          HttpClient.newHttpClient()
                              .send(unknownShift, HttpResponse.BodyHandlers.ofString()))))
          .as("a client trusting only the system's CAs")
          .hasAtLeastOneElementOfType(SSLHandshakeException.class);
      // The CLI: told how to trust the CA when it does not, served when it does.
      String[] getClusters = {
        "get", "clusters", "--server=" + stack.placementUrl(), "--token=" + stack.tokens().viewer()
      };
      StringWriter refused = new StringWriter();
      CommandLine untrustingCli = KafleetCommand.commandLine();
      untrustingCli.setErr(new PrintWriter(refused));
      untrustingCli.setOut(new PrintWriter(new StringWriter()));
      assertThat(untrustingCli.execute(getClusters)).isNotZero();
      assertThat(refused.toString()).contains("over TLS", "--certificate-authority", "KAFLEET_CA");
      CommandLine trustingCli = KafleetCommand.commandLine();
      StringWriter err = new StringWriter();
      trustingCli.setErr(new PrintWriter(err));
      trustingCli.setOut(new PrintWriter(new StringWriter()));
      assertThat(
              trustingCli.execute(
                  Stream.concat(
                          Stream.of(getClusters),
                          Stream.of("--certificate-authority=" + stack.certificateAuthority()))
                      .toArray(String[]::new)))
          .as("kafleet get clusters trusting the CA: %s", err)
          .isZero();
      Path credentials = DevKafkaCredentials.file(state);
      assertThat(stack.endpoints()).contains(credentials.toAbsolutePath().toString());
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
          .isEqualTo("rw-------");
      try (Admin admin = admin(stack)) {
        admin
            .createTopics(List.of(new NewTopic("kafleet.es.member1", 1, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      }

      ExecutionException denied =
          catchThrowableOfType(
              ExecutionException.class, () -> send(stack, traffic, "kafleet.es.member1"));
      assertThat(denied)
          .as("traffic-service's principal writing an execution space")
          .hasCauseInstanceOf(TopicAuthorizationException.class);

      ExecutionException wrongPassword =
          catchThrowableOfType(
              ExecutionException.class,
              () ->
                  send(
                      stack,
                      Map.of(
                          "security.protocol",
                          "SASL_SSL",
                          "ssl.truststore.type",
                          "PEM",
                          "ssl.truststore.location",
                          stack.certificateAuthority().toString(),
                          "sasl.mechanism",
                          "SCRAM-SHA-512",
                          "sasl.jaas.config",
                          "org.apache.kafka.common.security.scram.ScramLoginModule required"
                              + " username=\"kafleet-traffic\" password=\"not-the-password\";"),
                      "kafleet.traffic.events"));
      assertThat(wrongPassword).hasCauseInstanceOf(SaslAuthenticationException.class);

      // The events reader consumes in groups of its prefix: committing an offset needs READ on
      // both the group and the topic; traffic-service's group is refused.
      TopicPartition events = new TopicPartition("kafleet.placement.events", 0);
      try (Admin admin = admin(stack)) {
        if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(events.topic())) {
          try {
            admin
                .createTopics(List.of(new NewTopic(events.topic(), 1, (short) 1)))
                .all()
                .get(30, TimeUnit.SECONDS);
          } catch (ExecutionException e) {
            assertThat(e).hasCauseInstanceOf(TopicExistsException.class);
          }
        }
      }
      Map<String, String> eventsReader = stack.kafkaClientProperties("kafleet-events");
      try (KafkaConsumer<String, byte[]> consumer =
          eventsConsumer(stack, eventsReader, "kafleet-events-it")) {
        consumer.assign(List.of(events));
        consumer.commitSync(Map.of(events, new OffsetAndMetadata(0)));
        assertThat(consumer.committed(Set.of(events)).get(events).offset())
            .as("the events reader's offset in a group of its prefix")
            .isZero();
      }
      try (KafkaConsumer<String, byte[]> consumer =
          eventsConsumer(stack, eventsReader, "kafleet-traffic-stolen")) {
        consumer.assign(List.of(events));
        assertThat(
                catchThrowable(() -> consumer.commitSync(Map.of(events, new OffsetAndMetadata(0)))))
            .as("the events reader in traffic-service's group")
            .isInstanceOf(GroupAuthorizationException.class);
      }
    }
  }

  private static KafkaConsumer<String, byte[]> eventsConsumer(
      DevStack stack, Map<String, String> credentials, String group) {
    Map<String, Object> config = new HashMap<>(credentials);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static void send(DevStack stack, Map<String, String> credentials, String topic)
      throws Exception {
    Map<String, Object> config = new HashMap<>(credentials);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "k", "v")).get(20, TimeUnit.SECONDS);
    }
  }

  /** The throwable and its causes, outermost first. */
  private static List<Throwable> causes(Throwable thrown) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }
}
