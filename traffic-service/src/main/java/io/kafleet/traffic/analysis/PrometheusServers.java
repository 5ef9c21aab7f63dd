package io.kafleet.traffic.analysis;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where the analysis asks its queries: a cluster's own Prometheus where it has one, else the global
 * one, which tells the clusters apart by {@code clusterLabel}.
 */
public record PrometheusServers(URI global, String clusterLabel, Map<String, URI> perCluster) {

  public static final PrometheusServers NONE = new PrometheusServers(null, "cluster", Map.of());

  public PrometheusServers {
    perCluster = Map.copyOf(perCluster);
  }

  /** The server asked for {@code cluster}, and the cluster label its queries are scoped by. */
  public record Server(URI url, String clusterLabel) {}

  public Optional<Server> forCluster(String cluster) {
    if (perCluster.containsKey(cluster)) {
      return Optional.of(new Server(perCluster.get(cluster), null));
    }
    return Optional.ofNullable(global).map(url -> new Server(url, clusterLabel));
  }

  public boolean any() {
    return global != null || !perCluster.isEmpty();
  }
}
