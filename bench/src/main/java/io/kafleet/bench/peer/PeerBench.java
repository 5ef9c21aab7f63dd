package io.kafleet.bench.peer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kafleet.bench.Percentiles;
import io.kafleet.bench.ProcessStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * kafleet and Karmada (pull mode) side by side on this machine, one after the other in one run: the
 * same members, the same manifests, the same watcher on the members' API servers.
 *
 * <p>Each system in turn: Bookinfo with its five PropagationPolicies must land as the seed says
 * (checked first: a system that places it differently is not measured); then single-object
 * distribution, a fan-out, a fill to the restart size, the footprint, and a control-plane restart.
 */
public final class PeerBench {

  private static final Path BOOKINFO = Path.of("examples", "bookinfo");
  private static final Duration ARRIVAL_TIMEOUT = Duration.ofMinutes(10);

  private PeerBench() {}

  public static void main(String[] args) {
    PeerSettings settings;
    try {
      settings = PeerSettings.parse(Arrays.asList(args));
    } catch (IllegalArgumentException e) {
      System.err.println("peer: " + e.getMessage());
      System.err.println(PeerSettings.USAGE);
      System.exit(2);
      return;
    }
    Map<String, Map<String, Object>> figures = new LinkedHashMap<>();
    try (KafleetPeer kafleet = KafleetPeer.start(settings)) {
      figures.put(kafleet.name(), measure(kafleet, settings));
    }
    try (KarmadaPeer karmada = KarmadaPeer.start(settings)) {
      figures.put(karmada.name(), measure(karmada, settings));
    }
    PeerReport.write(settings, figures);
    System.exit(0);
  }

  private static Map<String, Object> measure(PeerSystem system, PeerSettings settings) {
    log(system, "Bookinfo");
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("bookinfo", bookinfo(system, settings.memberNames()));
    system.submit(List.of(PeerWorkload.policy(settings.memberNames())));
    try (Arrivals arrivals = Arrivals.watch(system.members())) {
      log(system, "distribution");
      figures.put("distribution", distribution(system, arrivals, settings.distributionSamples()));
      log(system, "fan-out");
      figures.put("fanOut", fanOut(system, arrivals, settings));
      int held = settings.distributionSamples() + settings.fanOutObjects();
      log(system, "fill to " + settings.restartObjects() + " objects");
      for (int chunk = 0; held < settings.restartObjects(); chunk++) {
        List<String> names =
            PeerWorkload.names("fill" + chunk, Math.min(1000, settings.restartObjects() - held));
        system.submit(PeerWorkload.configMaps(names));
        arrivals.await(names, ARRIVAL_TIMEOUT);
        held += names.size();
      }
      figures.put("footprint", footprint(system));
      log(system, "restart");
      figures.put("restart", restart(system, arrivals, held));
    }
    return figures;
  }

  /**
   * Applies Bookinfo and its policies unchanged and waits until every member holds exactly what the
   * seed's policies say; the objects per member, for the report.
   */
  private static Map<String, List<String>> bookinfo(PeerSystem system, List<String> members) {
    List<String> documents = new ArrayList<>();
    for (String file : List.of("propagation.yaml", "bookinfo-karmada.yaml")) {
      documents.addAll(documents(BOOKINFO.resolve(file)));
    }
    system.submit(documents);
    Map<String, List<String>> expected = BookinfoPlacement.expected(members);
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    Map<String, List<String>> found = held(system.members());
    while (!found.equals(expected)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            system.name()
                + " placed Bookinfo differently:\n expected "
                + expected
                + "\n found    "
                + found);
      }
      KafleetPeer.pause(200);
      found = held(system.members());
    }
    return found;
  }

  private static Map<String, List<String>> held(Map<String, KubernetesClient> members) {
    Map<String, List<String>> held = new TreeMap<>();
    members.forEach(
        (member, client) -> {
          TreeSet<String> objects = new TreeSet<>();
          Stream.of(
                  client.apps().deployments().inNamespace("default").list().getItems(),
                  client.services().inNamespace("default").list().getItems(),
                  client.serviceAccounts().inNamespace("default").list().getItems())
              .flatMap(Collection::stream)
              .map(PeerBench::kindAndName)
              .filter(BookinfoPlacement::isBookinfo)
              .forEach(objects::add);
          held.put(member, List.copyOf(objects));
        });
    return held;
  }

  private static String kindAndName(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getName();
  }

  /** One object at a time, each timed from its request sent to its arrival in every member. */
  private static Map<String, Object> distribution(
      PeerSystem system, Arrivals arrivals, int samples) {
    List<Long> latencies = new ArrayList<>();
    for (String name : PeerWorkload.names("dist", samples)) {
      long sent = system.submit(List.of(PeerWorkload.configMap(name)));
      arrivals
          .await(List.of(name), ARRIVAL_TIMEOUT)
          .values()
          .forEach(times -> latencies.add(times.get(0) - sent));
    }
    return Percentiles.ofNanos(latencies).toMap();
  }

  /** Every object at once: from the first request sent to the last arrival in any member. */
  private static Map<String, Object> fanOut(
      PeerSystem system, Arrivals arrivals, PeerSettings settings) {
    List<String> names = PeerWorkload.names("fan", settings.fanOutObjects());
    long sent = system.submit(PeerWorkload.configMaps(names));
    long last = latest(arrivals.await(names, ARRIVAL_TIMEOUT));
    double seconds = (last - sent) / 1e9;
    Map<String, Object> fanOut = new LinkedHashMap<>();
    fanOut.put("objects", names.size());
    fanOut.put("members", settings.members());
    fanOut.put("seconds", Percentiles.round(seconds));
    fanOut.put("worksPerSecond", Math.round(names.size() * settings.members() / seconds));
    return fanOut;
  }

  /**
   * The controllers stopped and started again with {@code held} objects in place: from the start to
   * a new object's arrival in every member (it is accepted as soon as the control plane takes it,
   * and placed once the controllers caught up).
   */
  private static Map<String, Object> restart(PeerSystem system, Arrivals arrivals, int held) {
    long started = system.restartControlPlane();
    system.submitWhenAccepted(PeerWorkload.configMap("after-restart"));
    long placed = latest(arrivals.await(List.of("after-restart"), ARRIVAL_TIMEOUT));
    Map<String, Object> restart = new LinkedHashMap<>();
    restart.put("objects", held);
    restart.put("seconds", Percentiles.round((placed - started) / 1e9));
    return restart;
  }

  private static Map<String, Object> footprint(PeerSystem system) {
    List<Map<String, Object>> controlPlane = new ArrayList<>();
    system.controlPlaneProcesses().forEach((name, pid) -> controlPlane.add(stats(name, pid)));
    Map<String, Object> footprint = new LinkedHashMap<>();
    footprint.put("controlPlane", controlPlane);
    footprint.put("controlPlaneRssMiB", sum(controlPlane, "rssMiB"));
    footprint.put("controlPlaneCpuSeconds", Percentiles.round(sum(controlPlane, "cpuSeconds")));
    footprint.put("agent", stats("agent", system.agentPid()));
    return footprint;
  }

  private static Map<String, Object> stats(String name, long pid) {
    return ProcessStats.of(name, pid).toMap();
  }

  private static double sum(List<Map<String, Object>> processes, String field) {
    return processes.stream().mapToDouble(p -> ((Number) p.get(field)).doubleValue()).sum();
  }

  private static long latest(Map<String, List<Long>> arrivals) {
    return arrivals.values().stream()
        .flatMap(List::stream)
        .mapToLong(Long::longValue)
        .max()
        .orElseThrow();
  }

  static List<String> documents(Path file) {
    try {
      return Arrays.stream(Files.readString(file).split("(?m)^---\\s*$"))
          .filter(document -> !document.isBlank())
          .map(document -> document.strip() + "\n")
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void log(PeerSystem system, String step) {
    System.err.printf("peer: %s: %s%n", system.name(), step);
  }
}
