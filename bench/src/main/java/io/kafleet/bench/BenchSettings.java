package io.kafleet.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run measures.
 *
 * @param clusters in-process member clusters started (the most any scenario uses)
 * @param fanOut objects × clusters per fan-out scenario, applied in this order and kept
 * @param distributionObjects single-object applies timed one after the other
 * @param distributionClusters clusters each of those objects goes to
 * @param shiftClusters the shift scenario's cluster counts
 * @param shiftRepeats shifts per cluster count
 * @param kubeClusters real kube-apiservers for the backend comparison (0: skipped)
 * @param footprintObjects objects the agent in its own JVM manages while its memory is read
 * @param settle how long to wait for late records (re-emitted works) and for informers to settle
 */
record BenchSettings(
    String name,
    ClusterBackend.BackendKind backend,
    int clusters,
    List<int[]> fanOut,
    int distributionObjects,
    int distributionClusters,
    List<Integer> shiftClusters,
    int shiftRepeats,
    int kubeClusters,
    int footprintObjects,
    Duration settle,
    Path resultsDirectory) {

  static BenchSettings quick(Path results) {
    return new BenchSettings(
        "quick",
        ClusterBackend.BackendKind.MEMORY,
        10,
        // 1,000 × 10 also leaves the fleet with over 10,000 works for the recovery scenario.
        List.of(new int[] {100, 1}, new int[] {100, 10}, new int[] {1000, 10}),
        30,
        10,
        List.of(10),
        10,
        2,
        1000,
        Duration.ofSeconds(5),
        results);
  }

  static BenchSettings full(Path results) {
    List<int[]> fanOut = new ArrayList<>();
    for (int objects : new int[] {100, 1000}) {
      for (int clusters : new int[] {1, 10, 50}) {
        fanOut.add(new int[] {objects, clusters});
      }
    }
    // 10,000 × 10 leaves the fleet with over 100,000 works for the recovery scenario and member-1
    // with over 10,000 objects for the agent restart. 10,000 × 1 and 10,000 × 50 (500,000 works)
    // are left out: at the fan-out rates measured here (one agent applies some tens of works a
    // second) they would take minutes and most of an hour (README, Performance).
    fanOut.add(new int[] {10_000, 10});
    return new BenchSettings(
        "full",
        ClusterBackend.BackendKind.MEMORY,
        50,
        fanOut,
        100,
        10,
        List.of(10, 50),
        20,
        2,
        1000,
        Duration.ofSeconds(5),
        results);
  }

  /** The smallest run that still produces every figure: for the smoke test. */
  static BenchSettings smoke(Path results) {
    return new BenchSettings(
        "smoke",
        ClusterBackend.BackendKind.MEMORY,
        2,
        List.of(new int[] {10, 2}),
        3,
        2,
        List.of(2),
        2,
        0,
        20,
        Duration.ofSeconds(1),
        results);
  }

  BenchSettings withBackend(ClusterBackend.BackendKind kind) {
    return new BenchSettings(
        name,
        kind,
        clusters,
        fanOut,
        distributionObjects,
        distributionClusters,
        shiftClusters,
        shiftRepeats,
        kubeClusters,
        footprintObjects,
        settle,
        resultsDirectory);
  }

  BenchSettings withKubeClusters(int count) {
    return new BenchSettings(
        name,
        backend,
        clusters,
        fanOut,
        distributionObjects,
        distributionClusters,
        shiftClusters,
        shiftRepeats,
        count,
        footprintObjects,
        settle,
        resultsDirectory);
  }
}
