package io.kafleet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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

  @Test
  void anInformerSeesWhatIsAppliedChangedAndDeleted() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    client.configMaps().inNamespace("shop").create(configMap("before", Map.of()));
    SharedIndexInformer<ConfigMap> informer =
        client
            .configMaps()
            .inNamespace("shop")
            .withLabel("managed", "yes")
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(ConfigMap object) {
                    seen.add("added " + object.getMetadata().getName());
                  }

                  @Override
                  public void onUpdate(ConfigMap before, ConfigMap after) {
                    seen.add("updated " + after.getMetadata().getName() + " " + after.getData());
                  }

                  @Override
                  public void onDelete(ConfigMap object, boolean unknownFinalState) {
                    seen.add("deleted " + object.getMetadata().getName());
                  }
                });
    try {
      client
          .configMaps()
          .inNamespace("shop")
          .resource(configMap("a", Map.of("v", "1")))
          .fieldManager("kafleet")
          .serverSideApply();
      client
          .configMaps()
          .inNamespace("shop")
          .resource(configMap("b", Map.of()))
          .fieldManager("kafleet")
          .serverSideApply();
      client
          .configMaps()
          .inNamespace("shop")
          .withName("a")
          .edit(cm -> new ConfigMapBuilder(cm).withData(Map.of("v", "2")).build());
      client.configMaps().inNamespace("shop").withName("b").delete();

      List<String> expected =
          List.of("added before", "added a", "added b", "updated a {v=2}", "deleted b");
      await()
          .atMost(Duration.ofSeconds(10))
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(20))
          .untilAsserted(
              () ->
                  assertThat(seen)
                      .as("what the informer was told")
                      .hasSizeGreaterThanOrEqualTo(expected.size()));
      assertThat(seen).as("what the informer was told").containsExactlyElementsOf(expected);
      assertThat(
              client.configMaps().inNamespace("shop").withLabel("managed", "yes").list().getItems())
          .extracting(cm -> cm.getMetadata().getName())
          .as("managed ConfigMaps listed")
          .containsExactly("a", "before");
      assertThat(client.configMaps().inNamespace("shop").withName("b").get()).isNull();
    } finally {
      informer.close();
    }
  }

  private static ConfigMap configMap(String name, Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("shop")
        .addToLabels("managed", "yes")
        .endMetadata()
        .withData(data)
        .build();
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
