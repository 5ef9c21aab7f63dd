package io.kafleet.agent;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.kafleet.events.Work;
import io.kafleet.events.WorkPhase;
import io.kafleet.kafka.embedded.BrokerSettings;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Measures the agent's resident memory with N managed objects (default 1,000 ConfigMaps): a real
 * kube-apiserver, broker and registry, the agent as its own JVM on the jars its image ships
 * (target/kafleet-propagation-agent-*.jar and target/agent-lib), every work applied, then the
 * agent's VmRSS and VmHWM from /proc. A measurement, not a test: run it with {@code
 * propagation-agent/scripts/measure-footprint.sh [N [JVM options]...]}.
 *
 * <p>Each further argument is one set of JVM options (space separated) to measure in turn, each
 * with its own cluster and namespace on the same broker and API server; none: {@link
 * AgentProcess#JVM_OPTIONS}. A set with {@code -XX:NativeMemoryTracking=summary} also prints the
 * JVM's own breakdown. A {@code NAME=value} in a set whose name is upper case ({@code
 * MALLOC_ARENA_MAX=2}, {@code KAFLEET_APPLY_CONCURRENCY=1}) is passed as that environment variable.
 */
public final class AgentFootprint {

  private AgentFootprint() {}

  public static void main(String[] args) throws Exception {
    int objects = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    List<List<String>> optionSets = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      optionSets.add(Arrays.stream(args[i].trim().split("\\s+")).toList());
    }
    if (optionSets.isEmpty()) {
      optionSets.add(AgentProcess.JVM_OPTIONS);
    }
    String classpath = imageClasspath();
    Path dir = Files.createTempDirectory("kafleet-footprint");
    KubeAPIServer apiServer =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withOfflineMode(true)
                .withApiServerVersion(System.getProperty("kubernetes.version"))
                .build());
    apiServer.start();
    List<String> results = new ArrayList<>();
    try (EmbeddedKafkaBroker broker =
            EmbeddedKafkaBroker.start(BrokerSettings.in(dir.resolve("kafka")));
        SchemaRegistryServer registry =
            SchemaRegistryServer.start(RegistrySettings.of(broker.bootstrapServers()))) {
      Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), apiServer.getKubeConfigYaml());
      for (int run = 0; run < optionSets.size(); run++) {
        String result =
            measure(
                broker,
                registry,
                apiServer,
                kubeconfig,
                dir,
                "footprint-" + run,
                objects,
                optionSets.get(run),
                classpath);
        System.out.println(result);
        results.add(result);
      }
    } finally {
      apiServer.stop();
    }
    System.out.println("---- summary");
    results.forEach(System.out::println);
  }

  private static String measure(
      EmbeddedKafkaBroker broker,
      SchemaRegistryServer registry,
      KubeAPIServer apiServer,
      Path kubeconfig,
      Path dir,
      String name,
      int objects,
      List<String> options,
      String classpath)
      throws Exception {
    try (AgentTestBed bed =
        new AgentTestBed(
            broker,
            registry.url(),
            new TestTopics(name + "-"),
            name,
            apiServer.getKubeConfigYaml())) {
      List<Work> works = new ArrayList<>();
      for (int i = 0; i < objects; i++) {
        works.add(
            Works.work(
                bed.cluster(),
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-"
                    + i
                    + "}\ndata: {color: blue, index: \""
                    + i
                    + "\"}\n",
                name));
      }
      bed.publish(works.toArray(Work[]::new));
      Map<String, String> env = new HashMap<>(bed.environment(Map.of()));
      env.put("KUBECONFIG", kubeconfig.toString());
      List<String> jvmOptions = new ArrayList<>();
      for (String option : options) {
        if (option.matches("[A-Z][A-Z0-9_]*=.*")) {
          env.put(
              option.substring(0, option.indexOf('=')), option.substring(option.indexOf('=') + 1));
        } else {
          jvmOptions.add(option);
        }
      }
      try (AgentProcess agent =
          AgentProcess.start(env, dir.resolve(name + ".log"), jvmOptions, classpath)) {
        long started = System.nanoTime();
        // A loaded machine may take longer than a test's patience; a measurement waits.
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        for (Work work : works) {
          while (true) {
            try {
              bed.awaitStatus(work.getObjectKey(), s -> s.getPhase() == WorkPhase.Applied);
              break;
            } catch (AssertionError e) {
              if (System.nanoTime() > deadline) {
                throw e;
              }
            }
          }
        }
        long appliedMillis = (System.nanoTime() - started) / 1_000_000;
        Thread.sleep(10_000); // let the informers settle before reading memory
        Map<String, String> status = procStatus(agent.pid());
        if (jvmOptions.stream().anyMatch(o -> o.startsWith("-XX:NativeMemoryTracking"))) {
          System.out.println(nativeMemory(agent.pid()));
        }
        String startUp =
            Files.readAllLines(dir.resolve(name + ".log")).stream()
                .filter(line -> line.contains("start-up done"))
                .map(line -> line.substring(line.indexOf("start-up done")))
                .findFirst()
                .orElse("(no start-up line)");
        return String.format(
            "agent with %d managed objects: VmRSS %s (RssAnon %s, RssFile %s), VmHWM (peak) %s,"
                + " threads %s, all applied %d ms after start; %s (options: %s)",
            objects,
            status.get("VmRSS"),
            status.get("RssAnon"),
            status.get("RssFile"),
            status.get("VmHWM"),
            status.get("Threads"),
            appliedMillis,
            startUp,
            String.join(" ", options));
      }
    }
  }

  /** The jars the agent's image ships, when built; else the build's own classpath. */
  private static String imageClasspath() throws Exception {
    Path target = Path.of("target");
    if (!Files.isDirectory(target.resolve("agent-lib"))) {
      target = Path.of("propagation-agent", "target");
    }
    List<String> jars = new ArrayList<>();
    try (Stream<Path> own = Files.list(target)) {
      own.filter(p -> p.getFileName().toString().matches("kafleet-propagation-agent-.*\\.jar"))
          .forEach(p -> jars.add(p.toAbsolutePath().toString()));
    }
    Path lib = target.resolve("agent-lib");
    if (jars.isEmpty() || !Files.isDirectory(lib)) {
      throw new IllegalStateException(
          "the agent's jars are missing: ./mvnw -pl propagation-agent -am package -DskipTests");
    }
    try (Stream<Path> libs = Files.list(lib)) {
      libs.sorted().forEach(p -> jars.add(p.toAbsolutePath().toString()));
    }
    return String.join(File.pathSeparator, jars);
  }

  private static String nativeMemory(long pid) throws Exception {
    Process jcmd =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid),
                "VM.native_memory",
                "summary",
                "scale=MB")
            .redirectErrorStream(true)
            .start();
    String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    jcmd.waitFor();
    StringBuilder summary = new StringBuilder("native memory of " + pid + ":\n");
    for (String line : out.split("\n")) {
      if (line.startsWith("Total") || line.startsWith("-") || line.contains("(reserved=")) {
        if (line.contains("committed=")) {
          summary.append(line.strip()).append('\n');
        }
      }
    }
    return summary.toString();
  }

  private static Map<String, String> procStatus(long pid) throws Exception {
    Map<String, String> values = new HashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      String[] parts = line.split(":\\s+", 2);
      if (parts.length == 2) {
        values.put(parts[0], parts[1]);
      }
    }
    return values;
  }
}
