package io.kafleet.agent.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuerySettingsTest {

  @Test
  void byDefaultEveryKindMayBeRead() {
    QuerySettings defaults = QuerySettings.defaults();

    assertThat(defaults.allows("", "Secret")).isTrue();
    assertThat(defaults.allows("networking.istio.io", "VirtualService")).isTrue();
  }

  @Test
  void aKindAloneAllowsItInEveryGroupAndGroupKindOnlyInItsGroup() {
    QuerySettings settings =
        QuerySettings.defaults().withAllowedKinds(List.of("Deployment", "core/Service"));

    assertThat(settings.allows("apps", "Deployment")).isTrue();
    assertThat(settings.allows("example.com", "Deployment")).isTrue();
    assertThat(settings.allows("", "Service")).isTrue();
    assertThat(settings.allows("core", "Service")).isTrue();
    assertThat(settings.allows("serving.knative.dev", "Service")).isFalse();
    assertThat(settings.allows("", "Secret")).isFalse();
    assertThat(settings.allows("apps", "StatefulSet")).isFalse();
  }

  @Test
  void kindsAreCaseSensitiveAsKubernetesKindsAre() {
    QuerySettings settings = QuerySettings.defaults().withAllowedKinds(List.of("ConfigMap"));

    assertThat(settings.allows("", "configmap")).isFalse();
  }

  @Test
  void nothingIsAllowedWhenTheListIsEmpty() {
    assertThat(QuerySettings.defaults().withAllowedKinds(List.of()).allows("", "Pod")).isFalse();
  }

  @Test
  void refusesAnEntryThatIsNoKindNamingIt() {
    assertThatThrownBy(
            () -> QuerySettings.defaults().withAllowedKinds(List.of("apps/v1/Deployment")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("allowedKinds entry 'apps/v1/Deployment'");
    assertThatThrownBy(() -> QuerySettings.defaults().withMaxReplyBytes(0))
        .hasMessageContaining("maxReplyBytes");
  }
}
