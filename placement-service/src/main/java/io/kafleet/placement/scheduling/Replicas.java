package io.kafleet.placement.scheduling;

/**
 * A workload template's {@code spec.replicas} and what one replica's pod requests (the sum of its
 * containers' {@code resources.requests}; 0 where nothing is requested).
 */
public record Replicas(int count, long cpuMillisEach, long memoryBytesEach) {

  public boolean requestsResources() {
    return cpuMillisEach > 0 || memoryBytesEach > 0;
  }
}
