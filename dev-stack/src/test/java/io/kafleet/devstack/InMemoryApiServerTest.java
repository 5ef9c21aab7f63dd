package io.kafleet.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemoryApiServerTest {

  private static final ResourceDefinitionContext VIRTUAL_SERVICE =
      new ResourceDefinitionContext.Builder()
          .withGroup("networking.istio.io")
          .withVersion("v1alpha3")
          .withKind("VirtualService")
          .withPlural("virtualservices")
          .withNamespaced(true)
          .build();

  private final InMemoryCluster backend = InMemoryCluster.start();
  private final KubernetesClient client = backend.newClient();

  @AfterEach
  void stop() {
    client.close();
    backend.close();
  }

  @Test
  void serverSideApplyCreatesThenReplacesWhatItApplies() {
    apply(virtualService("[{\"destination\":{\"host\":\"p\",\"subset\":\"blue\"}}]"));
    apply(
        virtualService(
            "[{\"destination\":{\"host\":\"p\",\"subset\":\"green\"},\"weight\":80},"
                + "{\"destination\":{\"host\":\"p\",\"subset\":\"blue\"},\"weight\":20}]"));

    GenericKubernetesResource live =
        client
            .genericKubernetesResources(VIRTUAL_SERVICE)
            .inNamespace("default")
            .withName("vs")
            .get();
    String spec = Serialization.asJson(live.getAdditionalProperties().get("spec"));
    assertThat(spec)
        .as("the VirtualService's spec after the second apply")
        .isEqualTo(
            "{\"hosts\":[\"*\"],\"http\":[{\"route\":"
                + "[{\"destination\":{\"host\":\"p\",\"subset\":\"green\"},\"weight\":80},"
                + "{\"destination\":{\"host\":\"p\",\"subset\":\"blue\"},\"weight\":20}]}]}");
  }

  @Test
  void discoveryServesTheKindsTheAgentApplies() {
    assertThat(client.getApiResources("v1").getResources())
        .extracting(r -> r.getKind())
        .contains("ConfigMap", "Namespace");
    assertThat(client.getApiResources("networking.istio.io/v1alpha3").getResources())
        .extracting(r -> r.getKind())
        .contains("VirtualService", "DestinationRule", "Gateway");
    assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo("v1.36.3-memory");
  }

  private void apply(GenericKubernetesResource object) {
    client
        .genericKubernetesResources(VIRTUAL_SERVICE)
        .inNamespace("default")
        .resource(object)
        .fieldManager("kafleet")
        .forceConflicts()
        .serverSideApply();
  }

  private static GenericKubernetesResource virtualService(String route) {
    return Serialization.unmarshal(
        "{\"apiVersion\":\"networking.istio.io/v1alpha3\",\"kind\":\"VirtualService\","
            + "\"metadata\":{\"name\":\"vs\",\"namespace\":\"default\"},"
            + "\"spec\":{\"hosts\":[\"*\"],\"http\":[{\"route\":"
            + route
            + "}]}}",
        GenericKubernetesResource.class);
  }
}
