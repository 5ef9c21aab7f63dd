package io.kafleet.placement.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ManifestReaderTest {

  @Test
  void readsEveryDocumentAndSkipsEmptyOnes() {
    String yaml =
        """
        apiVersion: v1
        kind: Service
        metadata: {name: details}
        ---
        ---
        {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "bookinfo-details"}}
        """;
    assertThat(ManifestReader.read("bookinfo.yaml", yaml))
        .extracting(document -> document.path("kind").asString())
        .containsExactly("Service", "ServiceAccount");
  }

  @Test
  void malformedYamlNamesTheSourceAndLine() {
    assertThatThrownBy(() -> ManifestReader.read("broken.yaml", "kind: Service\n  bad: [\n"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("broken.yaml"))
        .hasMessageContaining("is not valid YAML")
        .hasMessageContaining("line");
  }

  @Test
  void aDocumentWithoutKindOrNameIsRefusedWithItsPosition() {
    assertThatThrownBy(() -> ManifestReader.read("a.yaml", "apiVersion: v1\nmetadata: {name: x}\n"))
        .hasMessage("a.yaml document 0 kind: is required");
    assertThatThrownBy(
            () ->
                ManifestReader.read(
                    "a.yaml",
                    "apiVersion: v1\nkind: Service\nmetadata: {name: x}\n---\napiVersion: v1\nkind: Service\n"))
        .hasMessage("a.yaml document 1 metadata.name: is required");
  }

  @Test
  void templatesDefaultToTheDefaultNamespaceUnlessClusterScoped() {
    var documents =
        ManifestReader.read(
            "t.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n---\n"
                + "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
    assertThat(TemplateReader.read(documents.get(0)).key())
        .hasToString("apps/Deployment/default/web");
    assertThat(TemplateReader.read(documents.get(1)).key()).hasToString("core/Namespace/_/shop");
  }
}
