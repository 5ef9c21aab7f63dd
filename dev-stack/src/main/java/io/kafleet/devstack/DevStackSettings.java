package io.kafleet.devstack;

import io.kafleet.schemas.Topics;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the embedded default keeps its state and listens.
 *
 * @param stateDirectory everything the stack keeps, so it survives a stop and a start
 * @param kafkaPort the broker's client port; 0 picks a free one
 * @param registryPort the schema registry's HTTP port; 0 picks a free one
 * @param placementPort placement-service's HTTP port; 0 picks a free one
 * @param trafficPort traffic-service's HTTP port; 0 picks a free one
 * @param clusters the member clusters, each a kube-apiserver with its agent
 * @param mockClusters whether each member's API server is an {@link InMemoryCluster} (fabric8's
 *     mock server: stores and reads back, NOT a real kube-apiserver) instead of a real
 *     kube-apiserver and etcd, for where the Kubernetes binaries cannot be had
 * @param insecurePlaintextKafka whether the broker takes PLAINTEXT clients without authentication
 *     or ACLs (anyone who reaches the port may do anything) instead of SCRAM-SHA-512 with a
 *     principal per service and per agent: only by explicit choice
 * @param regions the region a member's agent reports, for the members given one ({@code
 *     spreadConstraints} and {@code fieldSelector} by region)
 */
public record DevStackSettings(
    Path stateDirectory,
    int kafkaPort,
    int registryPort,
    int placementPort,
    int trafficPort,
    List<String> clusters,
    boolean mockClusters,
    boolean insecurePlaintextKafka,
    Map<String, String> regions) {

  public static final int DEFAULT_KAFKA_PORT = 9092;
  public static final int DEFAULT_REGISTRY_PORT = 8081;
  public static final int DEFAULT_PLACEMENT_PORT = 8080;
  public static final int DEFAULT_TRAFFIC_PORT = 8082;

  public DevStackSettings {
    Objects.requireNonNull(stateDirectory, "stateDirectory");
    clusters = List.copyOf(clusters);
    regions = Map.copyOf(regions);
    for (String cluster : clusters) {
      if (!Topics.isValidClusterName(cluster)) {
        throw new IllegalArgumentException(
            "cluster name '" + cluster + "' is not a DNS label (lower-case letters, digits, '-')");
      }
    }
    for (Map.Entry<String, String> region : regions.entrySet()) {
      if (!clusters.contains(region.getKey()) || region.getValue().isBlank()) {
        throw new IllegalArgumentException(
            "region '" + region.getValue() + "' for '" + region.getKey() + "': no such member");
      }
    }
  }

  /**
   * Members with real kube-apiservers.
   *
   * @param clusters each a name, or {@code name@region} for a member whose agent reports that
   *     region
   */
  public DevStackSettings(
      Path stateDirectory,
      int kafkaPort,
      int registryPort,
      int placementPort,
      int trafficPort,
      List<String> clusters) {
    this(
        stateDirectory,
        kafkaPort,
        registryPort,
        placementPort,
        trafficPort,
        clusters.stream().map(cluster -> cluster.split("@", 2)[0]).toList(),
        false,
        false,
        regions(clusters));
  }

  private static Map<String, String> regions(List<String> clusters) {
    Map<String, String> regions = new LinkedHashMap<>();
    for (String cluster : clusters) {
      String[] nameAndRegion = cluster.split("@", 2);
      if (nameAndRegion.length == 2) {
        if (nameAndRegion[1].isBlank()) {
          throw new IllegalArgumentException(
              "'" + cluster + "' names no region after '@' (name@region)");
        }
        regions.put(nameAndRegion[0], nameAndRegion[1]);
      }
    }
    return regions;
  }

  /** The same, with in-memory mock members ({@link InMemoryCluster}) instead of real ones. */
  public DevStackSettings withMockClusters() {
    return new DevStackSettings(
        stateDirectory,
        kafkaPort,
        registryPort,
        placementPort,
        trafficPort,
        clusters,
        true,
        insecurePlaintextKafka,
        regions);
  }

  /** The same with a PLAINTEXT broker: no authentication, no ACLs. */
  public DevStackSettings withInsecurePlaintextKafka() {
    return new DevStackSettings(
        stateDirectory,
        kafkaPort,
        registryPort,
        placementPort,
        trafficPort,
        clusters,
        mockClusters,
        true,
        regions);
  }

  public static DevStackSettings defaults() {
    return new DevStackSettings(
        Path.of(".kafleet"),
        DEFAULT_KAFKA_PORT,
        DEFAULT_REGISTRY_PORT,
        DEFAULT_PLACEMENT_PORT,
        DEFAULT_TRAFFIC_PORT,
        List.of("member1", "member2"));
  }
}
