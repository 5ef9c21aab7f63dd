package io.kafleet.kafka.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to start an embedded broker.
 *
 * @param dataDirectory where the broker keeps its logs and metadata; kept across restarts
 * @param port the client port; 0 picks a free one
 * @param controllerPort the KRaft controller port; 0 picks a free one
 * @param overrides broker properties set on top of kafleet's single-node defaults
 * @param startTimeout how long to wait until the broker can create a topic
 */
public record BrokerSettings(
    Path dataDirectory,
    int port,
    int controllerPort,
    Map<String, String> overrides,
    Duration startTimeout) {

  public BrokerSettings {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    overrides = Map.copyOf(overrides);
  }

  /** A broker on free ports in the given directory. */
  public static BrokerSettings in(Path dataDirectory) {
    return new BrokerSettings(dataDirectory, 0, 0, Map.of(), Duration.ofSeconds(90));
  }

  public BrokerSettings withPorts(int port, int controllerPort) {
    return new BrokerSettings(dataDirectory, port, controllerPort, overrides, startTimeout);
  }

  public BrokerSettings withOverrides(Map<String, String> overrides) {
    return new BrokerSettings(dataDirectory, port, controllerPort, overrides, startTimeout);
  }
}
