package io.kafleet.placement.scheduling;

/** What a member cluster's nodes can hold and what its pods already request, from its heartbeat. */
public record Capacity(
    long allocatableCpuMillis,
    long allocatableMemoryBytes,
    long allocatedCpuMillis,
    long allocatedMemoryBytes) {

  /**
   * How many more pods requesting this much fit in the free CPU and memory; unbounded ({@link
   * Long#MAX_VALUE}) when the pods request neither.
   */
  public long room(long cpuMillisEach, long memoryBytesEach) {
    long room = Long.MAX_VALUE;
    if (cpuMillisEach > 0) {
      room = Math.min(room, Math.max(0, allocatableCpuMillis - allocatedCpuMillis) / cpuMillisEach);
    }
    if (memoryBytesEach > 0) {
      room =
          Math.min(
              room, Math.max(0, allocatableMemoryBytes - allocatedMemoryBytes) / memoryBytesEach);
    }
    return room;
  }
}
