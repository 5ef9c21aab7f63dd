package io.kafleet.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run measures.
 *
 * @param clusters in-process member clusters started (the most any scenario uses)
 * @param fleetWorks works placed across every in-process cluster before anything is measured, so
 *     that every figure is taken with a fleet already present
 * @param smallFleetWorks the fleet's size when the first distribution and apply-call figures are
 *     taken, to compare with the same figures in the whole fleet
 * @param fanOut objects × clusters per fan-out scenario, applied in this order and kept
 * @param distributionObjects single-object applies timed one after the other
 * @param distributionClusters clusters each of those objects goes to
 * @param shiftClusters the shift scenario's cluster counts
 * @param shiftRepeats shifts per cluster count
 * @param kubeClusters real kube-apiservers for the backend comparison (0: skipped)
 * @param kubeFanOutObjects objects of the fan-out to every real kube-apiserver
 * @param footprintObjects objects the agent in its own JVM manages while its memory is read
 * @param floorSamples samples of each floor figure (Kafka, server-side apply)
 * @param cliRuns timed runs of each CLI command (0: skipped)
 * @param settle how long to wait for late records (re-emitted works) and for informers to settle
 */
record BenchSettings(
    String name,
    ClusterBackend.BackendKind backend,
    int clusters,
    int fleetWorks,
    int smallFleetWorks,
    List<int[]> fanOut,
    int distributionObjects,
    int distributionClusters,
    List<Integer> shiftClusters,
    int shiftRepeats,
    int kubeClusters,
    int kubeFanOutObjects,
    int footprintObjects,
    int floorSamples,
    int cliRuns,
    Duration settle,
    Path resultsDirectory) {

  BenchSettings {
    if (fleetWorks < 0 || smallFleetWorks < 0) {
      throw new IllegalArgumentException("--fleet-works: must be 0 or more, not " + fleetWorks);
    }
  }

  static BenchSettings quick(Path results) {
    return new BenchSettings(
        "quick",
        ClusterBackend.BackendKind.MEMORY,
        10,
        10_000,
        1_000,
        List.of(new int[] {100, 1}, new int[] {100, 10}, new int[] {1000, 10}),
        30,
        10,
        List.of(10),
        10,
        2,
        1000,
        1000,
        200,
        10,
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
    // The fleet (100,000 works, built first) is what the recovery scenario restarts with; no
    // fan-out has to grow it any more.
    return new BenchSettings(
        "full",
        ClusterBackend.BackendKind.MEMORY,
        50,
        100_000,
        1_000,
        fanOut,
        100,
        10,
        List.of(10, 50),
        20,
        2,
        5000,
        1000,
        500,
        10,
        Duration.ofSeconds(5),
        results);
  }

  /** The smallest run that still produces every figure: for the smoke test. */
  static BenchSettings smoke(Path results) {
    return new BenchSettings(
        "smoke",
        ClusterBackend.BackendKind.MEMORY,
        2,
        100,
        20,
        List.of(new int[] {10, 2}),
        3,
        2,
        List.of(2),
        2,
        0,
        10,
        20,
        20,
        2,
        Duration.ofSeconds(1),
        results);
  }

  BenchSettings withBackend(ClusterBackend.BackendKind kind) {
    return new BenchSettings(
        name,
        kind,
        clusters,
        fleetWorks,
        smallFleetWorks,
        fanOut,
        distributionObjects,
        distributionClusters,
        shiftClusters,
        shiftRepeats,
        kubeClusters,
        kubeFanOutObjects,
        footprintObjects,
        floorSamples,
        cliRuns,
        settle,
        resultsDirectory);
  }

  BenchSettings withKubeClusters(int count) {
    return new BenchSettings(
        name,
        backend,
        clusters,
        fleetWorks,
        smallFleetWorks,
        fanOut,
        distributionObjects,
        distributionClusters,
        shiftClusters,
        shiftRepeats,
        count,
        kubeFanOutObjects,
        footprintObjects,
        floorSamples,
        cliRuns,
        settle,
        resultsDirectory);
  }

  /** The same run with a fleet of this many works (the small fleet shrinks with it if need be). */
  BenchSettings withFleetWorks(int works) {
    return new BenchSettings(
        name,
        backend,
        clusters,
        works,
        Math.min(smallFleetWorks, works),
        fanOut,
        distributionObjects,
        distributionClusters,
        shiftClusters,
        shiftRepeats,
        kubeClusters,
        kubeFanOutObjects,
        footprintObjects,
        floorSamples,
        cliRuns,
        settle,
        resultsDirectory);
  }
}
