package io.kafleet.placement.input;

import io.kafleet.placement.scheduling.Replicas;
import io.kafleet.schemas.ObjectKey;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What dividing a workload's replicas needs from its template: {@code spec.replicas} of an apps/v1
 * Deployment, StatefulSet or ReplicaSet, and one replica's requests, summed over the pod template's
 * {@code containers} (init containers are not counted).
 */
final class WorkloadReplicas {

  private static final Set<String> KINDS = Set.of("Deployment", "StatefulSet", "ReplicaSet");
  private static final String CONTAINERS = "spec.template.spec.containers";

  private WorkloadReplicas() {}

  /** Empty for other kinds and for a workload without {@code spec.replicas}. */
  static Optional<Replicas> of(ObjectKey key, JsonNode document) {
    if (!"apps".equals(key.group()) || !KINDS.contains(key.kind())) {
      return Optional.empty();
    }
    JsonNode replicas = document.path("spec").path("replicas");
    if (replicas.isMissingNode() || replicas.isNull()) {
      return Optional.empty();
    }
    if (!replicas.isInt() || replicas.asInt() < 0) {
      throw new InvalidInputException("spec.replicas", "must be a non-negative integer");
    }
    long cpuMillis = 0;
    long memoryBytes = 0;
    int index = 0;
    for (JsonNode container :
        document.path("spec").path("template").path("spec").path("containers")) {
      String requests = CONTAINERS + "[" + index++ + "].resources.requests";
      JsonNode cpu = container.path("resources").path("requests").path("cpu");
      JsonNode memory = container.path("resources").path("requests").path("memory");
      if (!cpu.isMissingNode() && !cpu.isNull()) {
        cpuMillis = sum(requests, cpuMillis, Quantities.cpuMillis(requests + ".cpu", cpu));
      }
      if (!memory.isMissingNode() && !memory.isNull()) {
        memoryBytes = sum(requests, memoryBytes, Quantities.bytes(requests + ".memory", memory));
      }
    }
    return Optional.of(new Replicas(replicas.asInt(), cpuMillis, memoryBytes));
  }

  private static long sum(String field, long a, long b) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw new InvalidInputException(field, "add up to more than kafleet can count");
    }
  }
}
