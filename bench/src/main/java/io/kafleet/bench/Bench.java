package io.kafleet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * The benchmark: starts a real broker, the registry, placement-service, traffic-service and N
 * agents with in-memory (or real) member clusters, measures distribution latency, fan-out
 * throughput, shift convergence, recovery and footprint from the outside, and writes a Markdown
 * table and a JSON file under bench/results/. Every figure is taken with a fleet already present
 * (built first), beside the floor (Kafka and server-side apply on their own) measured in the same
 * run. Usage: {@code Bench [--quick|--smoke] [--backend memory|kube] [--kube-clusters N]
 * [--fleet-works N] [--results DIR]}.
 */
public final class Bench {

  private Bench() {}

  public static void main(String[] args) throws Exception {
    // Several of kafleet's jars bring a logback.xml of their own: start Logback on the bench's
    // before anything logs, then leave the rest to Spring Boot's logging.config.
    System.setProperty("logback.configurationFile", Stack.LOG_CONFIG);
    LoggerFactory.getILoggerFactory();
    System.clearProperty("logback.configurationFile");
    BenchSettings settings;
    try {
      settings = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
      return;
    }
    Report report = run(settings);
    System.out.println(report.summary());
    System.out.println("results: " + report.markdownFile() + " and " + report.jsonFile());
    System.exit(report.json().containsKey("failure") ? 1 : 0);
  }

  static BenchSettings parse(String[] args) {
    Path results = Path.of("bench", "results");
    String mode = "full";
    String backend = "memory";
    Integer kube = null;
    Integer fleetWorks = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> mode = "quick";
        case "--smoke" -> mode = "smoke";
        case "--backend" -> backend = value(args, ++i, "--backend");
        case "--kube-clusters" -> kube = number(args, ++i, "--kube-clusters");
        case "--fleet-works" -> fleetWorks = number(args, ++i, "--fleet-works");
        case "--results" -> results = Path.of(value(args, ++i, "--results"));
        default ->
            throw new IllegalArgumentException(
                "unknown argument "
                    + args[i]
                    + " (supported: --quick, --smoke, --backend memory|kube, --kube-clusters N,"
                    + " --fleet-works N, --results DIR)");
      }
    }
    BenchSettings settings =
        switch (mode) {
          case "quick" -> BenchSettings.quick(results);
          case "smoke" -> BenchSettings.smoke(results);
          default -> BenchSettings.full(results);
        };
    settings = settings.withBackend(ClusterBackend.BackendKind.parse(backend));
    if (fleetWorks != null) {
      settings = settings.withFleetWorks(fleetWorks);
    }
    return kube == null ? settings : settings.withKubeClusters(kube);
  }

  private static int number(String[] args, int index, String option) {
    String value = value(args, index, option);
    try {
      return Integer.parseInt(value.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + ": '" + value + "' is not a whole number");
    }
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }

  /** Runs every scenario and writes the results; the report holds every figure. */
  public static Report run(BenchSettings settings) throws Exception {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    Path state = Files.createTempDirectory("kafleet-bench");
    Map<String, Object> results = new LinkedHashMap<>();
    Map<String, Object> phases = new LinkedHashMap<>();
    log("starting broker, registry, placement-service, traffic-service");
    try (Fleet fleet = new Fleet(Stack.start(state.resolve("stack")), new Api())) {
      phases.put("stackStartSeconds", seconds(start));
      Map<String, Object> footprint = new LinkedHashMap<>();
      results.put("footprint", footprint);
      try {
        measure(settings, fleet, state, results, phases);
      } catch (Exception e) {
        // The figures so far are still worth writing; the failure is one of them.
        results.put("failure", e.toString());
        log("FAILED: " + e);
      }
      results.put("floorMultiples", FloorMultiples.of(results));
      footprint.put("oneJvm", Footprint.inProcess(settings.clusters()));
      footprint.put("processes", Footprint.processes(fleet.stack().brokerPid()));
    } finally {
      deleteRecursively(state); // the broker's data: gigabytes after a full run
    }
    phases.put("totalSeconds", seconds(start));
    Report report = Report.write(settings, startedAt, seconds(start), results, phases);
    return report;
  }

  /** Every scenario in turn; each one's figures go into the results as soon as it has them. */
  @SuppressWarnings("unchecked")
  private static void measure(
      BenchSettings settings,
      Fleet fleet,
      Path state,
      Map<String, Object> results,
      Map<String, Object> phases)
      throws Exception {
    Scenarios scenarios = new Scenarios(fleet, settings.settle());
    String backend = settings.backend().name().toLowerCase();

    long phase = System.nanoTime();
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= settings.clusters(); i++) {
      names.add("member-" + i);
    }
    log("starting " + names.size() + " member clusters (" + settings.backend() + ")");
    fleet.addClusters(names, settings.backend());
    Map<String, Object> registration = new LinkedHashMap<>();
    registration.put(
        "inProcessAgents", Percentiles.ofNanos(fleet.registrationNanos().values()).toMap());
    results.put("registration", registration);
    phases.put("clustersStartSeconds", seconds(phase));

    phase = System.nanoTime();
    Map<String, Object> floor = new LinkedHashMap<>();
    results.put("floor", floor);
    log("floor: Kafka produce→consume of a 1 KiB record, " + settings.floorSamples() + " samples");
    floor.put("kafka", Floor.kafka(fleet.stack().bootstrapServers(), settings.floorSamples()));
    log("  " + floor.get("kafka"));
    log("floor: server-side apply of a ConfigMap, " + backend + " API server");
    floor.put("serverSideApply", new LinkedHashMap<String, Object>());
    try (var client = fleet.member(names.get(0)).backend().newClient()) {
      ((Map<String, Object>) floor.get("serverSideApply"))
          .put(backend, Floor.serverSideApply(client, settings.floorSamples() / 2).toMap());
    }
    log("  " + floor.get("serverSideApply"));
    phases.put("floorSeconds", seconds(phase));

    // The fleet in two steps: a small one first, in which the single-object figures are taken
    // once, to compare with the same figures in the whole fleet.
    phase = System.nanoTime();
    Map<String, Object> fleetBuild = new LinkedHashMap<>();
    results.put("fleet", fleetBuild);
    Map<String, Object> distribution = new LinkedHashMap<>();
    results.put("distribution", distribution);
    List<String> targets =
        names.subList(0, Math.min(settings.distributionClusters(), names.size()));
    log("fleet: " + settings.smallFleetWorks() + " works to " + names.size() + " clusters");
    fleetBuild.put("small", scenarios.buildFleet(settings.smallFleetWorks(), names));
    log("  " + fleetBuild.get("small"));
    log("distribution in the small fleet: " + settings.distributionObjects() + " objects");
    distribution.put(
        backend + "x" + targets.size() + "-smallfleet",
        scenarios.distribution(
            "dist-small-" + targets.size(), settings.distributionObjects(), targets));
    int rest = (int) Math.max(0, settings.fleetWorks() - scenarios.worksPlaced());
    log("fleet: " + rest + " more works to " + names.size() + " clusters");
    fleetBuild.put("rest", scenarios.buildFleet(rest, names));
    fleetBuild.put("fleetWorks", scenarios.worksPlaced());
    log("  " + fleetBuild.get("rest"));
    phases.put("fleetSeconds", seconds(phase));

    phase = System.nanoTime();
    List<Object> fanOut = new ArrayList<>();
    results.put("fanOut", fanOut);
    for (int[] shape : settings.fanOut()) {
      log("fan-out: " + shape[0] + " objects x " + shape[1] + " clusters");
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("backend", backend);
      row.putAll(scenarios.fanOut(shape[0], names.subList(0, shape[1])));
      fanOut.add(row);
      log("  " + row);
    }
    phases.put("fanOutSeconds", seconds(phase));

    phase = System.nanoTime();
    log(
        "distribution: "
            + settings.distributionObjects()
            + " single-object applies x "
            + targets.size()
            + " clusters");
    distribution.put(
        backend + "x" + targets.size(),
        scenarios.distribution("dist-" + targets.size(), settings.distributionObjects(), targets));
    log("  " + distribution.get(backend + "x" + targets.size()));
    phases.put("distributionSeconds", seconds(phase));

    phase = System.nanoTime();
    List<Object> shifts = new ArrayList<>();
    results.put("shiftConvergence", shifts);
    for (int clusters : settings.shiftClusters()) {
      log("shift convergence: " + settings.shiftRepeats() + " shifts x " + clusters + " clusters");
      Map<String, Object> shift = new LinkedHashMap<>();
      shift.put("clusters", clusters);
      shift.put("fleetWorks", scenarios.worksPlaced());
      shift.putAll(scenarios.shifts(names.subList(0, clusters), settings.shiftRepeats()).toMap());
      shifts.add(shift);
      log("  " + shift);
    }
    phases.put("shiftSeconds", seconds(phase));

    phase = System.nanoTime();
    Map<String, Object> recovery = new LinkedHashMap<>();
    results.put("recovery", recovery);
    log("recovery: placement-service restart");
    recovery.put("placementService", scenarios.placementRestart());
    log("recovery: agent restart");
    recovery.put("agent", scenarios.agentRestart(names.get(0)));
    log("  " + recovery);
    phases.put("recoverySeconds", seconds(phase));

    phase = System.nanoTime();
    log("footprint: the agent in its own JVM with " + settings.footprintObjects() + " objects");
    Map<String, Object> agentJvm =
        scenarios.agentProcess("agent-jvm", settings.footprintObjects(), state);
    ((Map<String, Object>) results.get("footprint")).put("agentJvm", agentJvm);
    registration.put("agentJvmMs", agentJvm.get("registrationMs"));
    phases.put("agentJvmSeconds", seconds(phase));

    if (settings.cliRuns() > 0) {
      phase = System.nanoTime();
      log("CLI start-up: " + settings.cliRuns() + " runs of each command through ./kafleet");
      try {
        results.put(
            "cliStartup",
            CliStartup.against(fleet.stack().placementUrl(), Stack.TOKEN, state.resolve("cli"))
                .measure(settings.cliRuns()));
      } catch (IOException | IllegalStateException e) {
        // The launcher is another part's: its failure is this figure's, not the run's.
        results.put("cliStartup", Map.of("failure", e.getMessage()));
      }
      log("  " + results.get("cliStartup"));
      phases.put("cliSeconds", seconds(phase));
    }

    if (settings.kubeClusters() > 0) {
      phase = System.nanoTime();
      List<String> kubeNames = new ArrayList<>();
      for (int i = 1; i <= settings.kubeClusters(); i++) {
        kubeNames.add("kube-" + i);
      }
      log("backend comparison: " + kubeNames.size() + " real kube-apiservers");
      List<Member> kube = fleet.addClusters(kubeNames, ClusterBackend.BackendKind.KUBE);
      registration.put(
          "kubeAgents",
          Percentiles.ofNanos(kubeNames.stream().map(fleet.registrationNanos()::get).toList())
              .toMap());
      log("floor: server-side apply of a ConfigMap, kube-apiserver");
      try (var client = fleet.member(kubeNames.get(0)).backend().newClient()) {
        ((Map<String, Object>) floor.get("serverSideApply"))
            .put("kube", Floor.serverSideApply(client, settings.floorSamples() / 2).toMap());
      }
      log("  " + floor.get("serverSideApply"));
      List<String> memoryPair = names.subList(0, Math.min(kubeNames.size(), names.size()));
      distribution.put(
          backend + "x" + memoryPair.size(),
          scenarios.distribution("dist-mem-pair", settings.distributionObjects(), memoryPair));
      distribution.put(
          "kubex" + kubeNames.size(),
          scenarios.distribution("dist-kube", settings.distributionObjects(), kubeNames));
      log("  " + distribution.get("kubex" + kubeNames.size()));
      log("fan-out: " + settings.kubeFanOutObjects() + " objects x " + kubeNames.size() + " kube");
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("backend", "kube");
      row.putAll(scenarios.fanOut(settings.kubeFanOutObjects(), kubeNames));
      fanOut.add(row);
      log("  " + row);
      results.put("footprintKube", Footprint.descendants());
      fleet.removeClusters(kube);
      phases.put("kubeSeconds", seconds(phase));
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      log("could not delete " + directory + ": " + e.getMessage());
    }
  }

  private static double seconds(long since) {
    return Percentiles.round((System.nanoTime() - since) / 1e9);
  }

  static void log(String message) {
    System.out.printf("%tT bench: %s%n", System.currentTimeMillis(), message);
  }
}
