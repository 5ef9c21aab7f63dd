package io.kafleet.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A member cluster held in memory by {@link InMemoryApiServer}: it stores the applied objects and
 * answers reads, nothing more. Costs a few MiB and no process, so 50 clusters fit on one machine.
 */
final class MemoryBackend implements ClusterBackend {

  private static final List<String> ISTIO_KINDS =
      List.of("VirtualService", "DestinationRule", "Gateway");

  private final KubernetesMockServer server;

  private MemoryBackend(KubernetesMockServer server) {
    this.server = server;
  }

  static MemoryBackend start() {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), new InMemoryApiServer(), false);
    for (String kind : ISTIO_KINDS) {
      for (String version : List.of("v1alpha3", "v1beta1", "v1")) {
        server.expectCustomResource(
            new CustomResourceDefinitionContext.Builder()
                .withGroup("networking.istio.io")
                .withVersion(version)
                .withKind(kind)
                .withPlural(kind.toLowerCase(java.util.Locale.ROOT) + "s")
                .withScope("Namespaced")
                .build());
      }
    }
    server.init();
    return new MemoryBackend(server);
  }

  @Override
  public KubernetesClient newClient() {
    return server.createClient();
  }

  @Override
  public String kubeconfig() {
    String url = "http://localhost:" + server.getPort();
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: memory
          cluster: {server: "%s"}
        users:
        - name: memory
          user: {}
        contexts:
        - name: memory
          context: {cluster: memory, user: memory, namespace: default}
        current-context: memory
        """
        .formatted(url);
  }

  /**
   * The mock server keeps every request it served for tests to inspect; the benchmark does not, so
   * it drops them before they add up to gigabytes.
   */
  void dropRecordedRequests() {
    try {
      while (server.takeRequest(1, TimeUnit.MILLISECONDS) != null) {
        // dropped
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.destroy();
  }
}
