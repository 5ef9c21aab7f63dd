package io.kafleet.placement.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ShownManifestTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void aSecretShowsItsKeysButNotItsValues() {
    JsonNode secret =
        JSON.readTree(
            """
            {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db", "labels": {"app": "db"}},
             "type": "Opaque", "data": {"password": "c2VjcmV0"}, "stringData": {"user": "admin"}}
            """);

    JsonNode shown = ShownManifest.of("core/Secret/default/db", secret);

    assertThat(shown.path("data").path("password").asString()).isEqualTo(ShownManifest.WITHHELD);
    assertThat(shown.path("stringData").path("user").asString()).isEqualTo(ShownManifest.WITHHELD);
    assertThat(shown.path("metadata").path("labels").path("app").asString()).isEqualTo("db");
    assertThat(shown.toString()).doesNotContain("c2VjcmV0", "\"admin\"");
    assertThat(secret.path("data").path("password").asString())
        .as("the stored document is not changed")
        .isEqualTo("c2VjcmV0");
  }

  @Test
  void anyOtherObjectIsShownAsStored() {
    JsonNode configMap =
        JSON.readTree(
            """
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"k": "v"}}
            """);

    assertThat(ShownManifest.of("core/ConfigMap/default/c", configMap)).isEqualTo(configMap);
  }
}
