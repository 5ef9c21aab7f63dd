package io.kafleet.agent.heartbeat;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What an agent says about its cluster besides what it reads from the API server, and how often.
 *
 * @param interval time between heartbeats; the first goes out at once
 * @param apiServerTimeout how long an unanswered API server call may run before the heartbeat says
 *     the cluster is not Ready (fabric8 retries a refused connection for a long while)
 * @param provider nullable, e.g. alibabacloud
 * @param region nullable
 * @param zone nullable
 */
public record HeartbeatSettings(
    Duration interval,
    Duration apiServerTimeout,
    Map<String, String> labels,
    String provider,
    String region,
    String zone,
    String agentVersion) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_API_SERVER_TIMEOUT = Duration.ofSeconds(10);

  public HeartbeatSettings {
    requirePositive(interval, "interval");
    requirePositive(apiServerTimeout, "apiServerTimeout");
    labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
    Objects.requireNonNull(agentVersion, "agentVersion");
  }

  /** The defaults: a heartbeat every 5 seconds, no labels, no provider, region or zone. */
  public static HeartbeatSettings of(String agentVersion) {
    return new HeartbeatSettings(
        DEFAULT_INTERVAL, DEFAULT_API_SERVER_TIMEOUT, Map.of(), null, null, null, agentVersion);
  }

  public HeartbeatSettings withInterval(Duration newInterval) {
    return new HeartbeatSettings(
        newInterval, apiServerTimeout, labels, provider, region, zone, agentVersion);
  }

  public HeartbeatSettings withApiServerTimeout(Duration timeout) {
    return new HeartbeatSettings(interval, timeout, labels, provider, region, zone, agentVersion);
  }

  public HeartbeatSettings withLabels(Map<String, String> newLabels) {
    return new HeartbeatSettings(
        interval, apiServerTimeout, newLabels, provider, region, zone, agentVersion);
  }

  public HeartbeatSettings withLocation(String newProvider, String newRegion, String newZone) {
    return new HeartbeatSettings(
        interval, apiServerTimeout, labels, newProvider, newRegion, newZone, agentVersion);
  }

  private static void requirePositive(Duration duration, String name) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, was " + duration);
    }
  }
}
