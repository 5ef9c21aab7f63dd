package io.kafleet.bench;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Where a member cluster's objects live: a real kube-apiserver and etcd ({@link KubeBackend}), or
 * an in-memory API server that stores the applied objects and answers reads, nothing more ({@link
 * MemoryBackend}).
 */
sealed interface ClusterBackend extends AutoCloseable permits MemoryBackend, KubeBackend {

  /** A new client of this cluster; the caller (the agent) owns and closes it. */
  KubernetesClient newClient();

  /** A kubeconfig reaching this cluster, for an agent in its own JVM. */
  String kubeconfig();

  @Override
  void close();

  static ClusterBackend start(BackendKind kind) {
    return switch (kind) {
      case MEMORY -> MemoryBackend.start();
      case KUBE -> KubeBackend.start();
    };
  }

  /** The backend named on the command line: {@code --backend memory|kube}. */
  enum BackendKind {
    MEMORY,
    KUBE;

    static BackendKind parse(String value) {
      return switch (value) {
        case "memory" -> MEMORY;
        case "kube" -> KUBE;
        default ->
            throw new IllegalArgumentException(
                "--backend: '" + value + "' is not one of memory, kube");
      };
    }
  }
}
