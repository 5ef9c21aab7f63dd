package io.kafleet.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ObjectKeyTest {

  @Test
  void keysObjectsByGroupKindNamespaceAndNameWithoutVersion() {
    assertThat(ObjectKey.of("apps/v1", "Deployment", "default", "reviews-v1"))
        .hasToString("apps/Deployment/default/reviews-v1");
    assertThat(ObjectKey.of("v1", "Service", "default", "details"))
        .hasToString("core/Service/default/details");
    assertThat(
            ObjectKey.of("networking.istio.io/v1alpha3", "VirtualService", "default", "bookinfo"))
        .as("version-free: v1alpha3 and v1 of the same object share a key")
        .isEqualTo(ObjectKey.of("networking.istio.io/v1", "VirtualService", "default", "bookinfo"));
  }

  @Test
  void clusterScopedObjectsHaveAnUnderscoreNamespace() {
    ObjectKey namespace = ObjectKey.of("v1", "Namespace", null, "bookinfo");
    assertThat(namespace).hasToString("core/Namespace/_/bookinfo");
    assertThat(namespace.clusterScoped()).isTrue();
  }

  @Test
  void parsesWhatItPrints() {
    ObjectKey key = ObjectKey.of("apps/v1", "Deployment", "default", "productpage-v1");
    assertThat(ObjectKey.parse(key.toString())).isEqualTo(key);
  }

  @Test
  void rejectsMalformedKeysSayingWhy() {
    assertThatThrownBy(() -> ObjectKey.parse("apps/Deployment/default"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apps/Deployment/default")
        .hasMessageContaining("group/Kind/namespace/name");
    assertThatThrownBy(() -> ObjectKey.of("v1", "ConfigMap", "default", ""))
        .hasMessageContaining("name");
  }
}
