package io.kafleet.devstack;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the embedded default keeps its state and listens.
 *
 * @param stateDirectory everything the stack keeps, so it survives a stop and a start
 * @param kafkaPort the broker's client port; 0 picks a free one
 * @param registryPort the schema registry's HTTP port; 0 picks a free one
 * @param placementPort placement-service's HTTP port; 0 picks a free one
 * @param trafficPort traffic-service's HTTP port; 0 picks a free one
 */
public record DevStackSettings(
    Path stateDirectory, int kafkaPort, int registryPort, int placementPort, int trafficPort) {

  public static final int DEFAULT_KAFKA_PORT = 9092;
  public static final int DEFAULT_REGISTRY_PORT = 8081;
  public static final int DEFAULT_PLACEMENT_PORT = 8080;
  public static final int DEFAULT_TRAFFIC_PORT = 8082;

  public DevStackSettings {
    Objects.requireNonNull(stateDirectory, "stateDirectory");
  }

  public static DevStackSettings defaults() {
    return new DevStackSettings(
        Path.of(".kafleet"),
        DEFAULT_KAFKA_PORT,
        DEFAULT_REGISTRY_PORT,
        DEFAULT_PLACEMENT_PORT,
        DEFAULT_TRAFFIC_PORT);
  }
}
