package io.kafleet.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kafleet.schemas.ObjectKey;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {

  private final ManifestReader reader = new ManifestReader(new KubernetesSerialization());
  private final ObjectKey key = ObjectKey.parse("core/ConfigMap/shop/settings");

  @Test
  void aValidManifestIsRead() throws Exception {
    GenericKubernetesResource object =
        reader.read(
            key,
            """
            {"apiVersion": "v1", "kind": "ConfigMap",
             "metadata": {"name": "settings", "namespace": "shop"}, "data": {"a": "b"}}
            """);

    assertThat(object.getMetadata().getName()).isEqualTo("settings");
    assertThat(object.getAdditionalProperties()).containsKey("data");
  }

  @Test
  void textThatIsNotJsonIsRefused() {
    assertThatThrownBy(() -> reader.read(key, "{\"apiVersion\": \"v1\", "))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> reader.read(key, "{} trailing"))
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> reader.read(key, "[1, 2]")).hasMessageContaining("not a JSON object");
  }

  @Test
  void anObjectWithoutANameIsRefusedNamingTheField() {
    assertThatThrownBy(
            () ->
                reader.read(
                    key, "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {}}"))
        .hasMessageContaining("metadata.name");
  }

  @Test
  void anInvalidNamespaceNameIsRefused() {
    assertThatThrownBy(
            () ->
                reader.read(
                    ObjectKey.parse("core/ConfigMap/Bad_NS/settings"),
                    """
                    {"apiVersion": "v1", "kind": "ConfigMap",
                     "metadata": {"name": "settings", "namespace": "Bad_NS"}}
                    """))
        .hasMessageContaining("metadata.namespace 'Bad_NS'");
  }

  @Test
  void aManifestForAnotherObjectThanItsKeyIsRefused() {
    assertThatThrownBy(
            () ->
                reader.read(
                    key,
                    """
                    {"apiVersion": "v1", "kind": "ConfigMap",
                     "metadata": {"name": "other", "namespace": "shop"}}
                    """))
        .hasMessageContaining("core/ConfigMap/shop/other")
        .hasMessageContaining("core/ConfigMap/shop/settings");
  }
}
