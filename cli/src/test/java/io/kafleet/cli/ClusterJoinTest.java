package io.kafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  private static CliRun run(String... args) {
    return CliRun.of(args);
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
            "Deployment");
    JsonNode settings = ofKind(documents, "Secret").path("stringData");
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
    JsonNode settings = ofKind(documents(run.out()), "Secret").path("stringData");
    assertThat(settings.path("KAFLEET_SCHEMA_REGISTRY_URL").isString()).isTrue();
    assertThat(settings.path("KAFLEET_SCHEMA_REGISTRY_URL").asString()).isEqualTo(url);
    assertThat(settings.path("KAFLEET_CLUSTER_LABELS").asString())
        .isEqualTo("enabled=true,tier=007");
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
    assertThat(documents).as("documents of%n%s", yaml).hasSize(6);
    assertThat(
            ofKind(documents, "Secret")
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
            ofKind(documents(run.out()), "Secret")
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

  private static String render() {
    CliRun run = run("cluster", "join", "member3", SERVERS, REGISTRY);
    assertThat(run.exitCode()).as("exit code, seen %s", run).isZero();
    return run.out();
  }

  private static void assertRefused(String message, String... args) {
    CliRun run = run(args);
    assertThat(run.exitCode()).as("exit code of %s, seen %s", List.of(args), run).isEqualTo(1);
    assertThat(run.err()).as("stderr of %s", List.of(args)).startsWith("error: ").contains(message);
    assertThat(run.out()).as("stdout of a refused join: nothing to apply").isEmpty();
  }
}
