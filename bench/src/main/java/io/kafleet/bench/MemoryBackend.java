package io.kafleet.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kafleet.devstack.InMemoryCluster;

/**
 * A member cluster held in memory by the dev stack's {@link InMemoryCluster}: it stores the applied
 * objects and answers reads, nothing more. Costs a few MiB and no process, so 50 clusters fit on
 * one machine.
 */
final class MemoryBackend implements ClusterBackend {

  private final InMemoryCluster cluster;

  private MemoryBackend(InMemoryCluster cluster) {
    this.cluster = cluster;
  }

  static MemoryBackend start() {
    return new MemoryBackend(InMemoryCluster.start());
  }

  @Override
  public KubernetesClient newClient() {
    return cluster.newClient();
  }

  @Override
  public String kubeconfig() {
    return cluster.kubeconfig();
  }

  @Override
  public void close() {
    cluster.close();
  }
}
