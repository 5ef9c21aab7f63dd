package io.kafleet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.schemas.ObjectKey;
import io.kafleet.sealing.SealingKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentSettingsTest {

  private static Map<String, String> minimal() {
    Map<String, String> env = new HashMap<>();
    env.put("KAFLEET_CLUSTER", "member2");
    env.put("KAFLEET_BOOTSTRAP_SERVERS", "kafka:9092");
    env.put("KAFLEET_SCHEMA_REGISTRY_URL", "http://registry:8081");
    return env;
  }

  @Test
  void theLoginFilesWinOverTheVariablesAndAreReadAgainEachTime(@TempDir Path login)
      throws Exception {
    Map<String, String> env = minimal();
    env.put("KAFLEET_KAFKA_SASL_JAAS_CONFIG", "from the variable");
    env.put("KAFLEET_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
    env.put(Environment.LOGIN_DIR, login.toString());
    Files.writeString(login.resolve("KAFLEET_KAFKA_SASL_JAAS_CONFIG"), "first\n");
    Files.writeString(login.resolve("KAFLEET_CLUSTER"), "not-a-login-file");
    Files.createDirectory(login.resolve("..data"));
    Environment environment = new Environment(env);

    assertThat(AgentSettings.fromEnvironment(environment.withLoginFiles()).kafkaProperties())
        .containsEntry("sasl.jaas.config", "first")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    assertThat(AgentSettings.fromEnvironment(environment.withLoginFiles()).cluster())
        .as("only KAFLEET_KAFKA_* files are read")
        .isEqualTo("member2");
    Files.writeString(login.resolve("KAFLEET_KAFKA_SASL_JAAS_CONFIG"), "second");
    assertThat(AgentSettings.fromEnvironment(environment.withLoginFiles()).kafkaProperties())
        .containsEntry("sasl.jaas.config", "second");
    assertThat(environment.withLoginFiles().toString()).doesNotContain("second");
  }

  @Test
  void anUnreadableLoginDirectoryNamesTheVariable() {
    Map<String, String> env = minimal();
    env.put(Environment.LOGIN_DIR, "/no/such/dir");
    assertThatThrownBy(() -> new Environment(env).withLoginFiles())
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining(Environment.LOGIN_DIR)
        .hasMessageContaining("/no/such/dir");
  }

  @Test
  void onlyAnAuthenticationFailureCountsAsARefusedLogin() {
    assertThat(
            RotatingAgent.refusedLogin(
                new IllegalStateException(
                    "poll failed",
                    new org.apache.kafka.common.errors.SaslAuthenticationException("bad"))))
        .isTrue();
    assertThat(
            RotatingAgent.refusedLogin(
                new org.apache.kafka.common.errors.TopicAuthorizationException("denied")))
        .isFalse();
  }

  @Test
  void theMinimalEnvironmentGivesTheDefaults() {
    AgentSettings settings = AgentSettings.fromEnvironment(new Environment(minimal()));

    assertThat(settings.executionSpaceTopic()).isEqualTo("kafleet.es.member2");
    assertThat(settings.statusTopic()).isEqualTo("kafleet.status.member2");
    assertThat(settings.consumerGroup()).isEqualTo("kafleet-agent-member2");
    assertThat(settings.initialRetryBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.applyConcurrency()).isEqualTo(32);
    assertThat(
            settings
                .guardRails()
                .refusal(ObjectKey.parse("rbac.authorization.k8s.io/ClusterRole/_/x")))
        .isPresent();
  }

  @Test
  void everySettingIsRead() {
    Map<String, String> env = minimal();
    env.put("KAFLEET_TOPIC_PREFIX", "t1.");
    env.put("KAFLEET_ALLOWED_NAMESPACES", "shop, pay");
    env.put("KAFLEET_DENIED_KINDS", "core/Secret");
    env.put("KAFLEET_DRIFT_EXCLUDED_FIELDS", "apps/Deployment:spec.replicas");
    env.put("KAFLEET_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
    env.put("KAFLEET_APPLY_CONCURRENCY", "8");

    AgentSettings settings = AgentSettings.fromEnvironment(new Environment(env));

    assertThat(settings.executionSpaceTopic()).isEqualTo("t1.kafleet.es.member2");
    assertThat(settings.guardRails().allowedNamespaces()).containsExactlyInAnyOrder("shop", "pay");
    assertThat(settings.guardRails().deniedKinds()).containsExactly("core/Secret");
    assertThat(settings.driftExclusions().pathsByKind()).containsOnlyKeys("apps/Deployment");
    assertThat(settings.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL");
    assertThat(settings.applyConcurrency()).isEqualTo(8);
  }

  @Test
  void aMissingOrInvalidSettingIsNamed() {
    Map<String, String> noCluster = minimal();
    noCluster.remove("KAFLEET_CLUSTER");
    assertThatThrownBy(() -> AgentSettings.fromEnvironment(new Environment(noCluster)))
        .isInstanceOfSatisfying(
            InvalidSettingException.class,
            e -> assertThat(e.variable()).isEqualTo("KAFLEET_CLUSTER"));

    assertInvalid("KAFLEET_CLUSTER", "Member_2");
    assertInvalid("KAFLEET_SCHEMA_REGISTRY_URL", "registry:8081");
    assertInvalid("KAFLEET_RETRY_MAX_BACKOFF_MS", "-5");
    assertInvalid("KAFLEET_DENIED_KINDS", "ClusterRole");
    assertInvalid("KAFLEET_DRIFT_EXCLUDED_FIELDS", "spec.replicas");
    assertInvalid("KAFLEET_TOPIC_PREFIX", "a/b");
    assertInvalid("KAFLEET_APPLY_CONCURRENCY", "0");
    assertInvalid("KAFLEET_APPLY_CONCURRENCY", "many");
    assertInvalid("KAFLEET_APPLY_CONCURRENCY", "257");
  }

  @Test
  void anApplyConcurrencyAboveTheLimitSaysTheLimit() {
    Map<String, String> env = minimal();
    env.put("KAFLEET_APPLY_CONCURRENCY", "1000");
    assertThatThrownBy(() -> AgentSettings.fromEnvironment(new Environment(env)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("KAFLEET_APPLY_CONCURRENCY: 1000 is more than 256 applies in flight at once");
  }

  @Test
  void theSealingKeyComesFromTheVariableOrFromTheFileItNames(@TempDir Path dir) throws Exception {
    KeyPair pair = SealingKeys.generate();
    String privateKey = SealingKeys.encode(pair.getPrivate());
    Map<String, String> inline = minimal();
    inline.put("KAFLEET_SEALING_PRIVATE_KEY", privateKey);
    Path file = dir.resolve("sealing-key");
    Files.writeString(file, privateKey + "\n");
    Map<String, String> fromFile = minimal();
    fromFile.put("KAFLEET_SEALING_PRIVATE_KEY_FILE", file.toString());

    assertThat(AgentSettings.fromEnvironment(new Environment(inline)).sealingKey())
        .contains(pair.getPrivate());
    assertThat(AgentSettings.fromEnvironment(new Environment(fromFile)).sealingKey())
        .contains(pair.getPrivate());
    assertThat(AgentSettings.fromEnvironment(new Environment(minimal())).sealingKey()).isEmpty();
    assertThat(AgentSettings.fromEnvironment(new Environment(inline)).toString())
        .doesNotContain(privateKey);
  }

  @Test
  void aBadSealingKeyIsNamedWithoutEchoingIt(@TempDir Path dir) {
    String publicKey = SealingKeys.encode(SealingKeys.generate().getPublic());
    assertInvalid("KAFLEET_SEALING_PRIVATE_KEY", publicKey);
    assertInvalid("KAFLEET_SEALING_PRIVATE_KEY", "not base64!");
    assertInvalid("KAFLEET_SEALING_PRIVATE_KEY_FILE", dir.resolve("missing").toString());
    Map<String, String> both = minimal();
    both.put("KAFLEET_SEALING_PRIVATE_KEY", publicKey);
    both.put("KAFLEET_SEALING_PRIVATE_KEY_FILE", dir.resolve("missing").toString());
    assertThatThrownBy(() -> AgentSettings.fromEnvironment(new Environment(both)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage(
            "KAFLEET_SEALING_PRIVATE_KEY_FILE: is set together with KAFLEET_SEALING_PRIVATE_KEY:"
                + " set one");
    Map<String, String> wrong = minimal();
    wrong.put("KAFLEET_SEALING_PRIVATE_KEY", publicKey);
    assertThatThrownBy(() -> AgentSettings.fromEnvironment(new Environment(wrong)))
        .hasMessageNotContaining(publicKey);
  }

  private static void assertInvalid(String variable, String value) {
    Map<String, String> env = minimal();
    env.put(variable, value);
    assertThatThrownBy(() -> AgentSettings.fromEnvironment(new Environment(env)))
        .isInstanceOfSatisfying(
            InvalidSettingException.class,
            e -> {
              assertThat(e.variable()).isEqualTo(variable);
              assertThat(e.getMessage()).startsWith(variable + ":");
            });
  }
}
