package io.kafleet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectorTest {

  private static final ObjectStore.Stored MANAGED =
      object("shop", "cm-1", Map.of("kafleet.io/managed-by", "kafleet", "tier", "web"));
  private static final ObjectStore.Stored OTHER = object("shop", "cm-2", Map.of("tier", "db"));

  @Test
  void labelEqualityInequalityAndExistence() {
    assertThat(Selector.parse("kafleet.io/managed-by=kafleet", null).matches(MANAGED)).isTrue();
    assertThat(Selector.parse("kafleet.io/managed-by==kafleet", null).matches(OTHER)).isFalse();
    assertThat(Selector.parse("tier!=web", null).matches(OTHER)).isTrue();
    assertThat(Selector.parse("tier!=web", null).matches(MANAGED)).isFalse();
    assertThat(Selector.parse("kafleet.io/managed-by", null).matches(OTHER)).isFalse();
    assertThat(Selector.parse("!kafleet.io/managed-by", null).matches(OTHER)).isTrue();
  }

  @Test
  void setRequirementsAndSeveralAtOnce() {
    assertThat(Selector.parse("tier in (web, api)", null).matches(MANAGED)).isTrue();
    assertThat(Selector.parse("tier in (web, api)", null).matches(OTHER)).isFalse();
    assertThat(Selector.parse("tier notin (web,api),kafleet.io/managed-by", null).matches(MANAGED))
        .isFalse();
  }

  @Test
  void fieldSelectorOnNameAndNamespace() {
    Selector selector = Selector.parse(null, "metadata.name=cm-1,metadata.namespace=shop");
    assertThat(selector.matches(MANAGED)).isTrue();
    assertThat(selector.matches(OTHER)).isFalse();
    assertThat(Selector.parse("", "").matches(OTHER)).isTrue();
  }

  @Test
  void fieldSelectorOnAFieldOfTheDocument() {
    ObjectStore.Stored running =
        new ObjectStore.Stored(
            "/pods", "shop", "p", Map.of(), 1, "{\"status\":{\"phase\":\"Running\"}}");
    Selector selector = Selector.parse(null, "status.phase!=Succeeded,status.phase!=Failed");
    assertThat(selector.matches(running)).isTrue();
    assertThat(Selector.parse(null, "status.phase=Failed").matches(running)).isFalse();
  }

  @Test
  void aSelectorItCannotParseIsRefusedByName() {
    assertThatThrownBy(() -> Selector.parse("tier in web", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tier in web");
  }

  private static ObjectStore.Stored object(
      String namespace, String name, Map<String, String> labels) {
    return new ObjectStore.Stored("/configmaps", namespace, name, labels, 1, "{}");
  }
}
