package io.kafleet.agent.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class SecretRedactionTest {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  @Test
  void aSecretLosesItsValuesEverywhereTheyAppearAndKeepsTheRest() {
    GenericKubernetesResource secret =
        parse(
            """
            {"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
             "metadata": {"name": "db", "namespace": "shop",
               "labels": {"app": "shop"},
               "annotations": {
                 "kubectl.kubernetes.io/last-applied-configuration": "{\\"data\\":{\\"password\\":\\"aHVudGVyMg==\\"}}",
                 "owner": "team-a"},
               "managedFields": [{"manager": "kubectl", "operation": "Apply"}]},
             "data": {"password": "aHVudGVyMg=="},
             "stringData": {"user": "admin"}}
            """);

    String json = JSON.asJson(SecretRedaction.redact(secret));

    assertThat(json)
        .doesNotContain("aHVudGVyMg==")
        .doesNotContain("admin")
        .doesNotContain("managedFields");
    GenericKubernetesResource redacted = parse(json);
    assertThat(redacted.getAdditionalProperties()).doesNotContainKeys("data", "stringData");
    assertThat(redacted.getAdditionalProperties()).containsEntry("type", "Opaque");
    assertThat(redacted.getMetadata().getName()).isEqualTo("db");
    assertThat(redacted.getMetadata().getLabels()).containsEntry("app", "shop");
    assertThat(redacted.getMetadata().getAnnotations()).containsOnlyKeys("owner");
  }

  @Test
  void anotherKindKeepsItsDataAndLosesOnlyManagedFields() {
    GenericKubernetesResource configMap =
        parse(
            """
            {"apiVersion": "v1", "kind": "ConfigMap",
             "metadata": {"name": "settings",
               "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}"},
               "managedFields": [{"manager": "kafleet", "operation": "Apply"}]},
             "data": {"color": "blue"}}
            """);

    GenericKubernetesResource redacted = SecretRedaction.redact(configMap);

    assertThat(redacted.getAdditionalProperties()).containsKey("data");
    assertThat(redacted.getMetadata().getAnnotations()).containsKey(SecretRedaction.LAST_APPLIED);
    assertThat(redacted.getMetadata().getManagedFields()).isNullOrEmpty();
  }

  @Test
  void aSecretKindOfAnotherGroupIsNotACoreSecret() {
    GenericKubernetesResource external =
        parse(
            """
            {"apiVersion": "external-secrets.io/v1", "kind": "Secret",
             "metadata": {"name": "x"}, "data": {"ref": "vault:db"}}
            """);

    assertThat(SecretRedaction.redact(external).getAdditionalProperties()).containsKey("data");
  }

  private static GenericKubernetesResource parse(String json) {
    return JSON.unmarshal(json, GenericKubernetesResource.class);
  }
}
