package io.kafleet.agent.heartbeat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What a heartbeat says about a cluster's capacity: nodes, their allocatable CPU and memory, and
 * what the pods bound to them request. A pure function of the node and pod lists, additive so that
 * paged lists can be folded into it page by page.
 */
public record ClusterSummary(
    int nodeCount,
    long allocatableCpuMillis,
    long allocatableMemoryBytes,
    long allocatedCpuMillis,
    long allocatedMemoryBytes) {

  public static final ClusterSummary EMPTY = new ClusterSummary(0, 0, 0, 0, 0);

  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  public static ClusterSummary of(Collection<Node> nodes, Collection<Pod> pods) {
    return EMPTY.plusNodes(nodes).plusPods(pods);
  }

  /** Adds the nodes' allocatable resources (their capacity when a node reports none). */
  public ClusterSummary plusNodes(Collection<Node> nodes) {
    long cpu = allocatableCpuMillis;
    long memory = allocatableMemoryBytes;
    for (Node node : nodes) {
      Map<String, Quantity> allocatable = allocatable(node);
      cpu += cpuMillis(allocatable.get("cpu"));
      memory += bytes(allocatable.get("memory"));
    }
    return new ClusterSummary(
        nodeCount + nodes.size(), cpu, memory, allocatedCpuMillis, allocatedMemoryBytes);
  }

  /**
   * Adds what the pods request, counting as the scheduler does: only pods bound to a node that have
   * not terminated (phase neither Succeeded nor Failed).
   */
  public ClusterSummary plusPods(Collection<Pod> pods) {
    long cpu = allocatedCpuMillis;
    long memory = allocatedMemoryBytes;
    for (Pod pod : pods) {
      if (holdsResources(pod)) {
        cpu += podRequest(pod, "cpu", ClusterSummary::cpuMillis);
        memory += podRequest(pod, "memory", ClusterSummary::bytes);
      }
    }
    return new ClusterSummary(nodeCount, allocatableCpuMillis, allocatableMemoryBytes, cpu, memory);
  }

  static boolean holdsResources(Pod pod) {
    String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return nodeName != null
        && !nodeName.isEmpty()
        && !"Succeeded".equals(phase)
        && !"Failed".equals(phase);
  }

  /**
   * A pod's effective request of one resource, Kubernetes' rule: the larger of what its containers
   * (with the sidecars, init containers that keep running) need together and what any init
   * container needs while it runs (with the sidecars started before it), plus the pod overhead.
   */
  static long podRequest(Pod pod, String resource, Amount amount) {
    if (pod.getSpec() == null) {
      return 0;
    }
    long containers = sum(pod.getSpec().getContainers(), resource, amount);
    long sidecars = 0;
    long initPeak = 0;
    for (Container init : orEmpty(pod.getSpec().getInitContainers())) {
      long request = request(init, resource, amount);
      if ("Always".equals(init.getRestartPolicy())) {
        sidecars += request;
        initPeak = Math.max(initPeak, sidecars);
      } else {
        initPeak = Math.max(initPeak, sidecars + request);
      }
    }
    Map<String, Quantity> overhead = pod.getSpec().getOverhead();
    long podOverhead = overhead == null ? 0 : amount.of(overhead.get(resource));
    return Math.max(containers + sidecars, initPeak) + podOverhead;
  }

  private static long sum(List<Container> containers, String resource, Amount amount) {
    long total = 0;
    for (Container container : orEmpty(containers)) {
      total += request(container, resource, amount);
    }
    return total;
  }

  private static long request(Container container, String resource, Amount amount) {
    if (container.getResources() == null || container.getResources().getRequests() == null) {
      return 0;
    }
    return amount.of(container.getResources().getRequests().get(resource));
  }

  private static Map<String, Quantity> allocatable(Node node) {
    if (node.getStatus() == null) {
      return Map.of();
    }
    Map<String, Quantity> allocatable = node.getStatus().getAllocatable();
    if (allocatable != null && !allocatable.isEmpty()) {
      return allocatable;
    }
    Map<String, Quantity> capacity = node.getStatus().getCapacity();
    return capacity == null ? Map.of() : capacity;
  }

  /** CPU in millicores, rounded up as Kubernetes' MilliValue does ("1" is 1000, "100m" is 100). */
  static long cpuMillis(Quantity quantity) {
    if (quantity == null) {
      return 0;
    }
    return quantity
        .getNumericalAmount()
        .multiply(THOUSAND)
        .setScale(0, RoundingMode.CEILING)
        .longValueExact();
  }

  /** A quantity in whole units, rounded up ("1Gi" is 1073741824, "1k" is 1000). */
  static long bytes(Quantity quantity) {
    if (quantity == null) {
      return 0;
    }
    return quantity.getNumericalAmount().setScale(0, RoundingMode.CEILING).longValueExact();
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  /** Reads one resource quantity in the unit the summary counts it in. */
  @FunctionalInterface
  interface Amount {
    long of(Quantity quantity);
  }
}
