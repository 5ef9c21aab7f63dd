package io.kafleet.bench.peer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What one side-by-side run measures, the same for both systems.
 *
 * @param karmadaBin prebuilt Karmada binaries (karmada-controller-manager, -scheduler, -webhook,
 *     -aggregated-apiserver, -agent)
 * @param karmadaSource the Karmada source tree they were built from (CRDs, webhook configuration)
 * @param members member clusters per system, each a real kube-apiserver and etcd
 * @param distributionSamples single-object applies timed one after the other
 * @param fanOutObjects objects created at once, each placed in every member
 * @param restartObjects objects each system holds when its control plane is restarted
 * @param state where processes keep their data, logs and pids
 */
record PeerSettings(
    String name,
    Path karmadaBin,
    Path karmadaSource,
    int members,
    int distributionSamples,
    int fanOutObjects,
    int restartObjects,
    Path state,
    Path results) {

  static final String USAGE =
      "usage: bench/peer/run.sh --karmada-bin DIR --karmada-source DIR [--quick] [--members N]";

  static PeerSettings parse(List<String> args) {
    Path bin = null;
    Path source = null;
    boolean quick = false;
    int members = 2;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--quick" -> quick = true;
        case "--karmada-bin" -> bin = Path.of(value(args, ++i, arg));
        case "--karmada-source" -> source = Path.of(value(args, ++i, arg));
        case "--members" -> members = positive(value(args, ++i, arg), arg);
        default -> throw new IllegalArgumentException("unknown argument " + arg);
      }
    }
    if (bin == null || !Files.isDirectory(bin)) {
      throw new IllegalArgumentException("--karmada-bin must name a directory of Karmada binaries");
    }
    if (source == null || !Files.isDirectory(source.resolve("charts/karmada/_crds"))) {
      throw new IllegalArgumentException(
          "--karmada-source must name a Karmada source tree (with charts/karmada/_crds)");
    }
    Path state = Path.of("bench", "target", "peer-state");
    Path results = Path.of("bench", "results");
    return quick
        ? new PeerSettings("quick", bin, source, members, 20, 1000, 2000, state, results)
        : new PeerSettings("full", bin, source, members, 100, 1000, 10_000, state, results);
  }

  private static String value(List<String> args, int index, String option) {
    if (index >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(index);
  }

  private static int positive(String value, String option) {
    try {
      int number = Integer.parseInt(value);
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException(option + " must be a positive number, not " + value);
  }

  List<String> memberNames() {
    return java.util.stream.IntStream.rangeClosed(1, members).mapToObj(i -> "member" + i).toList();
  }
}
