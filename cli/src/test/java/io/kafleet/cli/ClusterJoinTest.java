package io.kafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.kafleet.sealing.SealedSecrets;
import io.kafleet.sealing.SealingKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

class ClusterJoinTest {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final String SERVERS =
      "--bootstrap-servers=kafka-0.example.com:9092,10.0.0.7:9093";
  private static final String REGISTRY = "--schema-registry=https://registry.example.com:8081";
  private static final String PASSWORD = "pw-\\\"quoted\\\"-\\\\-end";
  private static final String KAFKA_ANSWER =
      "{\"kafka\":{\"username\":\"kafleet-agent-member3\",\"password\":\""
          + PASSWORD
          + "\",\"mechanism\":\"SCRAM-SHA-512\",\"securityProtocol\":\"SASL_SSL\"}}";

  private final FakePlacement placement;

  ClusterJoinTest() throws Exception {
    placement =
        new FakePlacement()
            .answer("POST /api/v1/clusters/member3/join", 201, KAFKA_ANSWER)
            .answer("POST /api/v1/clusters/member3/rotate", 200, KAFKA_ANSWER);
  }

  @AfterEach
  void stop() {
    placement.close();
  }

  private CliRun run(String... args) {
    return CliRun.of(args, "--server=" + placement.url(), "--token=admin-token");
  }

  private static List<JsonNode> documents(String yaml) {
    try (MappingIterator<JsonNode> parsed = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      return parsed.readAll();
    }
  }

  private static JsonNode ofKind(List<JsonNode> documents, String kind) {
    return documents.stream()
        .filter(document -> kind.equals(document.path("kind").asString()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in " + documents));
  }

  @Test
  void joinPrintsTheInstallManifestWithTheClustersValues() {
    CliRun run =
        run(
            "cluster",
            "join",
            "member3",
            "--labels=env=prod,topology.kubernetes.io/region=eu-west-1",
            SERVERS,
            REGISTRY,
            "--image=registry.example.com/kafleet/propagation-agent:0.1.0");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    assertThat(run.err()).as("stderr").isEmpty();
    List<JsonNode> documents = documents(run.out());
    assertThat(documents.stream().map(d -> d.path("kind").asString()))
        .as("kinds, in the order kubectl applies them")
        .containsExactly(
            "Namespace",
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "Secret",
            "Secret",
            "Deployment");
    JsonNode settings = secret(documents, "kafleet-agent").path("stringData");
    assertThat(settings.path("KAFLEET_CLUSTER").asString()).isEqualTo("member3");
    assertThat(settings.path("KAFLEET_CLUSTER_LABELS").asString())
        .isEqualTo("env=prod,topology.kubernetes.io/region=eu-west-1");
    assertThat(settings.path("KAFLEET_BOOTSTRAP_SERVERS").asString())
        .isEqualTo("kafka-0.example.com:9092,10.0.0.7:9093");
    assertThat(settings.path("KAFLEET_SCHEMA_REGISTRY_URL").asString())
        .isEqualTo("https://registry.example.com:8081");
    JsonNode container =
        ofKind(documents, "Deployment")
            .path("spec")
            .path("template")
            .path("spec")
            .path("containers")
            .get(0);
    assertThat(container.path("image").asString())
        .isEqualTo("registry.example.com/kafleet/propagation-agent:0.1.0");
  }

  @Test
  void valuesThatYamlWouldReadOtherwiseComeBackExactly() {
    // A URL with YAML's comment and mapping characters, and labels that look like a bool and a
    // number: printed as strings they must read back unchanged.
    String url = "http://registry.example.com:8081/a?x=1&y=#frag:'q'";
    CliRun run =
        run(
            "cluster",
            "join",
            "member3",
            "--labels=enabled=true,tier=007",
            SERVERS,
            "--schema-registry=" + url);

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    JsonNode settings = secret(documents(run.out()), "kafleet-agent").path("stringData");
    assertThat(settings.path("KAFLEET_SCHEMA_REGISTRY_URL").isString()).isTrue();
    assertThat(settings.path("KAFLEET_SCHEMA_REGISTRY_URL").asString()).isEqualTo(url);
    assertThat(settings.path("KAFLEET_CLUSTER_LABELS").asString())
        .isEqualTo("enabled=true,tier=007");
  }

  @Test
  void joinSendsOnlyThePublicKeyAndPutsTheLoginAndThePrivateKeyInTheSecrets() {
    CliRun run = run("cluster", "join", "member3", "--labels=env=prod", SERVERS, REGISTRY);

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    assertThat(placement.requests).hasSize(1);
    FakePlacement.Request request = placement.requests.get(0);
    assertThat(request.authorization()).isEqualTo("Bearer admin-token");
    JsonNode body = YAML.readTree(request.body());
    assertThat(body.path("labels").path("env").asString()).isEqualTo("prod");
    PublicKey sent = SealingKeys.publicKey(body.path("sealingPublicKey").asString());

    List<JsonNode> documents = documents(run.out());
    JsonNode settings = secret(documents, "kafleet-agent").path("stringData");
    PrivateKey privateKey =
        SealingKeys.privateKey(settings.path("KAFLEET_SEALING_PRIVATE_KEY").asString());
    assertThat(SealedSecrets.open(SealedSecrets.seal("x", sent, "aad"), privateKey, "aad"))
        .as("what is sealed for the key sent opens with the key in the Secret")
        .isEqualTo("x");
    assertThat(request.body()).doesNotContain(SealingKeys.encode(privateKey));
    assertThat(settings.has("KAFLEET_KAFKA_SASL_JAAS_CONFIG"))
        .as("the login is in its own Secret")
        .isFalse();

    JsonNode login = secret(documents, "kafleet-agent-kafka").path("stringData");
    assertThat(login.path("KAFLEET_KAFKA_SECURITY_PROTOCOL").asString()).isEqualTo("SASL_SSL");
    assertThat(login.path("KAFLEET_KAFKA_SASL_MECHANISM").asString()).isEqualTo("SCRAM-SHA-512");
    assertThat(login.path("KAFLEET_KAFKA_SASL_JAAS_CONFIG").asString())
        .isEqualTo(
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"kafleet-agent-member3\" password=\"pw-\\\"quoted\\\"-\\\\-end\";");
  }

  @Test
  void helmValuesCarryTheSameSettingsAsTheManifestForTheAgentChart() throws Exception {
    CliRun run =
        run(
            "cluster",
            "join",
            "member3",
            "--labels=env=prod,topology.kubernetes.io/region=eu-west-1",
            SERVERS,
            REGISTRY,
            "--image=registry.example.com:5000/kafleet/propagation-agent:0.1.0",
            "--output=helm-values");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    JsonNode values = YAML.readTree(run.out());
    assertThat(values.path("cluster").path("name").asString()).isEqualTo("member3");
    assertThat(values.path("cluster").path("labels").path("env").asString()).isEqualTo("prod");
    assertThat(
            values.path("cluster").path("labels").path("topology.kubernetes.io/region").asString())
        .isEqualTo("eu-west-1");
    assertThat(values.path("kafka").path("bootstrapServers").asString())
        .isEqualTo("kafka-0.example.com:9092,10.0.0.7:9093");
    assertThat(values.path("schemaRegistry").path("url").asString())
        .isEqualTo("https://registry.example.com:8081");
    JsonNode login = values.path("login").path("settings");
    assertThat(login.path("KAFLEET_KAFKA_SECURITY_PROTOCOL").asString()).isEqualTo("SASL_SSL");
    assertThat(login.path("KAFLEET_KAFKA_SASL_JAAS_CONFIG").asString())
        .contains("username=\"kafleet-agent-member3\" password=\"pw-\\\"quoted\\\"-\\\\-end\";");
    PublicKey sent =
        SealingKeys.publicKey(
            YAML.readTree(placement.requests.get(0).body()).path("sealingPublicKey").asString());
    PrivateKey privateKey =
        SealingKeys.privateKey(values.path("sealingKey").path("privateKey").asString());
    assertThat(SealedSecrets.open(SealedSecrets.seal("x", sent, "aad"), privateKey, "aad"))
        .as("what is sealed for the key sent opens with the key in the values")
        .isEqualTo("x");
    assertThat(values.path("image").path("repository").asString())
        .isEqualTo("registry.example.com:5000/kafleet/propagation-agent");
    assertThat(values.path("image").path("tag").asString()).isEqualTo("0.1.0");

    JsonNode chartValues =
        YAML.readTree(Files.readString(Path.of("../deploy/helm/kafleet-agent/values.yaml")));
    values
        .properties()
        .forEach(
            section -> {
              assertThat(chartValues.has(section.getKey()))
                  .as("the agent chart has a value %s", section.getKey())
                  .isTrue();
              section
                  .getValue()
                  .properties()
                  .forEach(
                      value ->
                          assertThat(chartValues.path(section.getKey()).has(value.getKey()))
                              .as(
                                  "the agent chart has a value %s.%s",
                                  section.getKey(), value.getKey())
                              .isTrue());
            });
  }

  @Test
  void anUnknownOutputIsRefusedBeforeAnythingIsJoined() {
    CliRun run = run("cluster", "join", "member3", SERVERS, REGISTRY, "--output=helm");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--output: 'helm' is not manifest or helm-values");
    assertThat(run.out()).isEmpty();
    assertThat(placement.requests).as("requests to placement-service").isEmpty();
  }

  @Test
  void aJoinPlacementRefusesPrintsItsReasonAndNoManifest() {
    placement.answer(
        "POST /api/v1/clusters/member3/join",
        409,
        "{\"reason\":\"cluster 'member3' has joined already\"}");

    assertRefused(
        "cluster 'member3' has joined already", "cluster", "join", "member3", SERVERS, REGISTRY);
  }

  @Test
  void rotatePrintsOnlyTheLoginSecret() {
    CliRun run = run("cluster", "rotate", "member3");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    List<JsonNode> documents = documents(run.out());
    assertThat(documents).hasSize(1);
    JsonNode secret = secret(documents, "kafleet-agent-kafka");
    assertThat(secret.path("metadata").path("namespace").asString()).isEqualTo("kafleet-system");
    assertThat(secret.path("stringData").propertyNames())
        .containsExactlyInAnyOrder(
            "KAFLEET_KAFKA_SECURITY_PROTOCOL",
            "KAFLEET_KAFKA_SASL_MECHANISM",
            "KAFLEET_KAFKA_SASL_JAAS_CONFIG");
    assertThat(secret.path("stringData").path("KAFLEET_KAFKA_SASL_JAAS_CONFIG").asString())
        .contains("username=\"kafleet-agent-member3\"");
  }

  @Test
  void rotateOfAnUnknownClusterSaysSo() {
    placement.answer(
        "POST /api/v1/clusters/member9/rotate",
        404,
        "{\"reason\":\"cluster 'member9' has not joined the fleet\"}");

    assertRefused("cluster 'member9' has not joined the fleet", "cluster", "rotate", "member9");
  }

  @Test
  void leavePrintsWhatHappenedAndWhatTheAgentDidNotConfirm() {
    placement.answer(
        "POST /api/v1/clusters/member3/leave?keepResources=true",
        200,
        "{\"cluster\":\"member3\",\"removed\":0,\"kept\":2,"
            + "\"notConfirmed\":[\"apps/Deployment/default/web\"]}");

    CliRun run = run("cluster", "leave", "member3", "--keep-resources");

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    assertThat(run.out())
        .contains("cluster/member3 left: 0 objects deleted, 2 kept; its Kafka access is revoked")
        .contains("not confirmed by its agent in time (1), check the cluster:")
        .contains("apps/Deployment/default/web");
  }

  @Test
  void leaveOfAnUnknownClusterSaysSo() {
    placement.answer(
        "POST /api/v1/clusters/member9/leave?keepResources=false",
        404,
        "{\"reason\":\"cluster 'member9' has not joined the fleet\"}");

    assertRefused("cluster 'member9' has not joined the fleet", "cluster", "leave", "member9");
  }

  @Test
  void secretSettingsWithQuotesAndYamlSyntaxComeBackExactly() {
    // What the security issue will add: credentials, whose text YAML must not reinterpret.
    String jaas =
        "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"member3\" password=\"p: #'x\n--- y\";";
    String yaml =
        AgentManifest.render(
            new AgentInstall(
                "member3",
                java.util.Map.of(),
                "kafka:9092",
                "http://registry:8081",
                java.util.Optional.empty(),
                java.util.Map.of("KAFLEET_KAFKA_SASL_JAAS_CONFIG", jaas)));

    List<JsonNode> documents = documents(yaml);
    assertThat(documents).as("documents of%n%s", yaml).hasSize(7);
    assertThat(
            secret(documents, "kafleet-agent-kafka")
                .path("stringData")
                .path("KAFLEET_KAFKA_SASL_JAAS_CONFIG")
                .asString())
        .isEqualTo(jaas);
  }

  @Test
  void withoutAnImageTheTemplatesImageIsKept() {
    CliRun run = run("cluster", "join", "member3", SERVERS, REGISTRY);

    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    JsonNode container =
        ofKind(documents(run.out()), "Deployment")
            .path("spec")
            .path("template")
            .path("spec")
            .path("containers")
            .get(0);
    assertThat(container.path("image").asString()).isEqualTo("kafleet/propagation-agent:latest");
    assertThat(
            secret(documents(run.out()), "kafleet-agent")
                .path("stringData")
                .path("KAFLEET_CLUSTER_LABELS")
                .asString())
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Member3 | cluster name 'Member3' is not a DNS label",
        "member_3 | cluster name 'member_3' is not a DNS label",
        "member3- | cluster name 'member3-' is not a DNS label",
        "a234567890123456789012345678901234567890123456789012345678901234 | is not a DNS label",
      })
  void aNameThatIsNotADnsLabelIsRefused(String name, String message) {
    assertRefused(message, "cluster", "join", name, SERVERS, REGISTRY);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "env | --labels: 'env' is not key=value",
        "=prod | --labels: '=prod' is not key=value",
        "env=prod, | --labels: '' is not key=value",
        "env=a,env=b | --labels: label 'env' is given twice",
        "bad key=v | --labels: label key 'bad key' is not a label name",
        "Example.COM/env=v | --labels: the prefix of label key 'Example.COM/env' is not a DNS subdomain",
        "env=two words | --labels: value 'two words' of label 'env' is not a label value",
        "env=-x | --labels: value '-x' of label 'env' is not a label value",
      })
  void badLabelsAreRefused(String labels, String message) {
    assertRefused(message, "cluster", "join", "member3", "--labels=" + labels, SERVERS, REGISTRY);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--bootstrap-servers=kafka.example.com | --bootstrap-servers: 'kafka.example.com' is not host:port",
        "--bootstrap-servers=kafka:99999 | --bootstrap-servers: 'kafka:99999' is not host:port",
        "--schema-registry=registry:8081 | --schema-registry: 'registry:8081' is not an http(s) URL",
        "--image=kafleet agent | --image: 'kafleet agent' is not an image reference",
      })
  void badConnectionSettingsAreRefused(String option, String message) {
    List<String> args = new ArrayList<>(List.of("cluster", "join", "member3", option));
    for (String given : List.of(SERVERS, REGISTRY)) {
      if (!given.startsWith(option.substring(0, option.indexOf('=') + 1))) {
        args.add(given);
      }
    }
    assertRefused(message, args.toArray(String[]::new));
  }

  @Test
  void withoutBootstrapServersTheErrorSaysWhereToGiveThem() {
    assumeThat(System.getenv("KAFLEET_BOOTSTRAP_SERVERS")).isNull();
    assertRefused(
        "--bootstrap-servers is required (or set KAFLEET_BOOTSTRAP_SERVERS)",
        "cluster",
        "join",
        "member3",
        REGISTRY);
  }

  @Test
  void theRbacGrantsNoWildcardAndNoRbacKinds() {
    JsonNode role = ofKind(documents(render()), "ClusterRole");
    for (JsonNode rule : role.path("rules")) {
      for (String field : List.of("apiGroups", "resources", "verbs")) {
        for (JsonNode value : rule.path(field)) {
          assertThat(value.asString()).as("%s of rule %s", field, rule).isNotEqualTo("*");
        }
      }
      assertThat(rule.path("apiGroups").toString())
          .as("rule %s: the agent must not be able to grant rights", rule)
          .doesNotContain("rbac.authorization.k8s.io");
      assertThat(rule.path("verbs").toString())
          .as("rule %s", rule)
          .doesNotContain("escalate", "bind", "impersonate", "update");
    }
  }

  @Test
  void theAgentRunsAloneAndLockedDown() {
    JsonNode deployment = ofKind(documents(render()), "Deployment");
    assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(1);
    assertThat(deployment.path("spec").path("strategy").path("type").asString())
        .isEqualTo("Recreate");
    JsonNode pod = deployment.path("spec").path("template").path("spec");
    assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    JsonNode container = pod.path("containers").get(0);
    assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean())
        .isTrue();
    assertThat(container.path("securityContext").path("capabilities").path("drop").toString())
        .isEqualTo("[\"ALL\"]");
    assertThat(container.path("livenessProbe").path("httpGet").path("path").asString())
        .isEqualTo("/healthz");
    assertThat(container.path("readinessProbe").path("httpGet").path("path").asString())
        .isEqualTo("/readyz");
    assertThat(container.path("resources").path("requests").path("memory").asString()).isNotEmpty();
  }

  @Test
  void theTemplateIsDeployKafleetAgentYaml() throws Exception {
    // The one copy lives in deploy/; the build copies it into the CLI unchanged.
    String deploy = Files.readString(Path.of("..", "deploy", AgentManifest.TEMPLATE));
    try (var in = AgentManifest.class.getResourceAsStream(AgentManifest.TEMPLATE)) {
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(deploy);
    }
  }

  private String render() {
    CliRun run = run("cluster", "join", "member3", SERVERS, REGISTRY);
    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    return run.out();
  }

  private void assertRefused(String message, String... args) {
    int calls = placement.requests.size();
    CliRun run = run(args);
    assertThat(run.exitCode()).as("exit code of %s, seen %s", List.of(args), run).isEqualTo(1);
    assertThat(run.err()).as("stderr of %s", List.of(args)).startsWith("error: ").contains(message);
    assertThat(run.out()).as("stdout of a refused command: nothing to apply").isEmpty();
    if (!message.contains("member3' has joined") && !message.contains("has not joined")) {
      assertThat(placement.requests.subList(calls, placement.requests.size()))
          .as("calls to placement-service of a command refused before")
          .isEmpty();
    }
  }

  private static JsonNode secret(List<JsonNode> documents, String name) {
    return documents.stream()
        .filter(document -> "Secret".equals(document.path("kind").asString()))
        .filter(document -> name.equals(document.path("metadata").path("name").asString()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Secret " + name + " in " + documents));
  }

  @Test
  void overSaslSslThePrivateCaOfTheAnswerGoesIntoTheKafkaSecretAsTheAgentsTrustStore()
      throws Exception {
    String ca = "-----BEGIN CERTIFICATE-----\nMIIBdev\n-----END CERTIFICATE-----\n";
    try (FakePlacement tls =
        new FakePlacement()
            .answer(
                "POST /api/v1/clusters/member4/join",
                201,
                "{\"kafka\":{\"username\":\"kafleet-agent-member4\",\"password\":\"pw\","
                    + "\"mechanism\":\"SCRAM-SHA-512\",\"securityProtocol\":\"SASL_SSL\","
                    + "\"trustedCertificates\":\""
                    + ca.replace("\n", "\\n")
                    + "\"}}")) {
      CliRun run =
          CliRun.of(
              new String[] {"cluster", "join", "member4", SERVERS, REGISTRY},
              "--server=" + tls.url(),
              "--token=admin-token");

      assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
      JsonNode login = secret(documents(run.out()), "kafleet-agent-kafka").path("stringData");
      assertThat(login.path("KAFLEET_KAFKA_SECURITY_PROTOCOL").asString()).isEqualTo("SASL_SSL");
      assertThat(login.path("KAFLEET_KAFKA_SSL_TRUSTSTORE_TYPE").asString()).isEqualTo("PEM");
      assertThat(login.path("KAFLEET_KAFKA_SSL_TRUSTSTORE_CERTIFICATES").asString()).isEqualTo(ca);
    }
    List<JsonNode> withoutCa =
        documents(run("cluster", "join", "member3", SERVERS, REGISTRY).out());
    assertThat(
            secret(withoutCa, "kafleet-agent-kafka")
                .path("stringData")
                .has("KAFLEET_KAFKA_SSL_TRUSTSTORE_CERTIFICATES"))
        .as("an answer without a CA: the system's CAs serve")
        .isFalse();
  }
}
