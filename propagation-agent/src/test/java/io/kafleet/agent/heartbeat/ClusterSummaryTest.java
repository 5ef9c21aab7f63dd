package io.kafleet.agent.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSummaryTest {

  private static final long GI = 1L << 30;
  private static final long MI = 1L << 20;

  @Test
  void sumsAllocatableOverNodesInKubernetesUnits() {
    ClusterSummary summary =
        ClusterSummary.of(
            List.of(node("a", "3920m", "7.5Gi"), node("b", "2", "4096Mi"), node("c", "0.5", "1G")),
            List.of());

    assertThat(summary.nodeCount()).isEqualTo(3);
    assertThat(summary.allocatableCpuMillis()).isEqualTo(3920 + 2000 + 500);
    assertThat(summary.allocatableMemoryBytes())
        .isEqualTo(7 * GI + GI / 2 + 4 * GI + 1_000_000_000L);
  }

  @Test
  void aNodeThatReportsNoAllocatableCountsItsCapacity() {
    Node capacityOnly =
        new NodeBuilder()
            .withNewMetadata()
            .withName("old")
            .endMetadata()
            .withNewStatus()
            .withCapacity(Map.of("cpu", new Quantity("4"), "memory", new Quantity("8Gi")))
            .endStatus()
            .build();
    Node noStatus = new NodeBuilder().withNewMetadata().withName("new").endMetadata().build();

    ClusterSummary summary = ClusterSummary.of(List.of(capacityOnly, noStatus), List.of());

    assertThat(summary).isEqualTo(new ClusterSummary(2, 4000, 8 * GI, 0, 0));
  }

  @Test
  void allocatedCountsBoundPodsThatHaveNotTerminated() {
    List<Pod> pods =
        List.of(
            pod("running", "n1", "Running", container("250m", "64Mi"), container("100m", null)),
            pod("pending-bound", "n1", "Pending", container("1", "1Gi")),
            pod("unscheduled", null, "Pending", container("8", "16Gi")),
            pod("done", "n1", "Succeeded", container("8", "16Gi")),
            pod("crashed", "n1", "Failed", container("8", "16Gi")),
            pod("best-effort", "n1", "Running", new ContainerBuilder().withName("c").build()));

    ClusterSummary summary = ClusterSummary.of(List.of(), pods);

    assertThat(summary.allocatedCpuMillis()).isEqualTo(250 + 100 + 1000);
    assertThat(summary.allocatedMemoryBytes()).isEqualTo(64 * MI + GI);
  }

  @Test
  void anInitContainerThatNeedsMoreThanTheContainersSetsThePodsRequest() {
    Pod pod =
        new PodBuilder(pod("migrate", "n1", "Pending", container("200m", "100Mi")))
            .editSpec()
            .withInitContainers(container("1500m", "50Mi"))
            .endSpec()
            .build();

    assertThat(ClusterSummary.podRequest(pod, "cpu", ClusterSummary::cpuMillis)).isEqualTo(1500);
    assertThat(ClusterSummary.podRequest(pod, "memory", ClusterSummary::bytes)).isEqualTo(100 * MI);
  }

  @Test
  void sidecarsAddToTheContainersAndToLaterInitContainersAndOverheadIsAdded() {
    Container sidecar =
        new ContainerBuilder(container("300m", null)).withRestartPolicy("Always").build();
    Pod pod =
        new PodBuilder(pod("mesh", "n1", "Running", container("200m", null)))
            .editSpec()
            .withInitContainers(sidecar, container("600m", null))
            .withOverhead(Map.of("cpu", new Quantity("50m")))
            .endSpec()
            .build();

    // Containers with the sidecar: 500m; the second init container runs beside it: 900m.
    assertThat(ClusterSummary.podRequest(pod, "cpu", ClusterSummary::cpuMillis))
        .isEqualTo(900 + 50);
  }

  @Test
  void fractionsRoundUpAsKubernetesDoes() {
    assertThat(ClusterSummary.cpuMillis(new Quantity("0.0001"))).isEqualTo(1);
    assertThat(ClusterSummary.cpuMillis(new Quantity("1.5"))).isEqualTo(1500);
    assertThat(ClusterSummary.bytes(new Quantity("1.5Ki"))).isEqualTo(1536);
    assertThat(ClusterSummary.bytes(new Quantity("129e6"))).isEqualTo(129_000_000);
    assertThat(ClusterSummary.bytes(null)).isZero();
  }

  @Test
  void foldingPagesGivesTheSameSummaryAsOneList() {
    Node a = node("a", "2", "4Gi");
    Node b = node("b", "4", "8Gi");
    Pod p = pod("p", "a", "Running", container("1", "1Gi"));
    Pod q = pod("q", "b", "Running", container("2", "2Gi"));

    ClusterSummary paged =
        ClusterSummary.EMPTY
            .plusNodes(List.of(a))
            .plusNodes(List.of(b))
            .plusPods(List.of(p))
            .plusPods(List.of(q));

    assertThat(paged).isEqualTo(ClusterSummary.of(List.of(a, b), List.of(p, q)));
    assertThat(paged).isEqualTo(new ClusterSummary(2, 6000, 12 * GI, 3000, 3 * GI));
  }

  static Node node(String name, String cpu, String memory) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewStatus()
        .withCapacity(Map.of("cpu", new Quantity("64"), "memory", new Quantity("256Gi")))
        .withAllocatable(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory)))
        .endStatus()
        .build();
  }

  static Pod pod(String name, String nodeName, String phase, Container... containers) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .withNewSpec()
        .withNodeName(nodeName)
        .withContainers(containers)
        .endSpec()
        .withNewStatus()
        .withPhase(phase)
        .endStatus()
        .build();
  }

  static Container container(String cpu, String memory) {
    ContainerBuilder container = new ContainerBuilder().withName("c").withImage("busybox");
    container.withNewResources().endResources();
    if (cpu != null) {
      container.editResources().addToRequests("cpu", new Quantity(cpu)).endResources();
    }
    if (memory != null) {
      container.editResources().addToRequests("memory", new Quantity(memory)).endResources();
    }
    return container.build();
  }
}
