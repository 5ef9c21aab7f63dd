package io.kafleet.bench;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A member cluster as the dev stack runs one: a real kube-apiserver and etcd (built by
 * scripts/kube-binaries.sh) with Istio's networking CRDs.
 */
final class KubeBackend implements ClusterBackend {

  private static final String DEV_STACK = "/io/kafleet/devstack/";

  private final KubeAPIServer apiServer;

  private KubeBackend(KubeAPIServer apiServer) {
    this.apiServer = apiServer;
  }

  static KubeBackend start() {
    KubeAPIServer apiServer =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withOfflineMode(true)
                .withApiServerVersion(resource("kubernetes.version").strip())
                .withUpdateKubeConfig(false)
                .build());
    apiServer.start();
    KubeBackend backend = new KubeBackend(apiServer);
    try (KubernetesClient client = backend.newClient();
        InputStream crds =
            KubeBackend.class.getResourceAsStream(DEV_STACK + "istio-networking-crds.yaml")) {
      client.load(crds).serverSideApply();
      return backend;
    } catch (IOException | RuntimeException e) {
      apiServer.stop();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  private static String resource(String name) {
    try (InputStream in = KubeBackend.class.getResourceAsStream(DEV_STACK + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public KubernetesClient newClient() {
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(apiServer.getKubeConfigYaml()))
        .build();
  }

  @Override
  public String kubeconfig() {
    return apiServer.getKubeConfigYaml();
  }

  @Override
  public void close() {
    apiServer.stop();
  }
}
