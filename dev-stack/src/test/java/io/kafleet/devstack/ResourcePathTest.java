package io.kafleet.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourcePathTest {

  @Test
  void namespacedObjectOfTheCoreGroup() {
    assertThat(ResourcePath.parse("/api/v1/namespaces/shop/configmaps/cm-1"))
        .contains(new ResourcePath("", "v1", "shop", "configmaps", "cm-1", null));
  }

  @Test
  void namespaceItselfIsAClusterScopedObject() {
    assertThat(ResourcePath.parse("/api/v1/namespaces/shop"))
        .contains(new ResourcePath("", "v1", null, "namespaces", "shop", null));
    assertThat(ResourcePath.parse("/api/v1/namespaces"))
        .contains(new ResourcePath("", "v1", null, "namespaces", null, null));
  }

  @Test
  void groupCollectionsAcrossNamespacesAndSubresources() {
    assertThat(ResourcePath.parse("/apis/networking.istio.io/v1alpha3/virtualservices"))
        .contains(
            new ResourcePath(
                "networking.istio.io", "v1alpha3", null, "virtualservices", null, null));
    assertThat(ResourcePath.parse("/apis/apps/v1/namespaces/shop/deployments/web/status"))
        .contains(new ResourcePath("apps", "v1", "shop", "deployments", "web", "status"));
  }

  @Test
  void theSameKindStoredOnceWhateverTheVersion() {
    assertThat(
            ResourcePath.parse("/apis/networking.istio.io/v1/virtualservices").get().collection())
        .isEqualTo(
            ResourcePath.parse("/apis/networking.istio.io/v1alpha3/virtualservices")
                .get()
                .collection());
  }

  @Test
  void discoveryAndMalformedPathsAreNoResource() {
    assertThat(ResourcePath.parse("/apis")).isEmpty();
    assertThat(ResourcePath.parse("/apis/apps")).isEmpty();
    assertThat(ResourcePath.parse("/version")).isEmpty();
    assertThat(ResourcePath.parse("/api/v1/namespaces/a/b/c/d/e")).isEmpty();
  }
}
