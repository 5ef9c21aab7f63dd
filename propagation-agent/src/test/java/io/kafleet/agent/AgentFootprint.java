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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the agent's resident memory with N managed objects (default 1,000 ConfigMaps): a real
 * kube-apiserver, broker and registry, the agent as its own JVM as an operator runs it, every work
 * applied, then the agent's VmRSS and VmHWM from /proc. A measurement, not a test: run it with
 * {@code propagation-agent/scripts/measure-footprint.sh [N]}.
 */
public final class AgentFootprint {

  private AgentFootprint() {}

  public static void main(String[] args) throws Exception {
    int objects = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Path dir = Files.createTempDirectory("kafleet-footprint");
    KubeAPIServer apiServer =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withOfflineMode(true)
                .withApiServerVersion(System.getProperty("kubernetes.version"))
                .build());
    apiServer.start();
    try (EmbeddedKafkaBroker broker =
            EmbeddedKafkaBroker.start(BrokerSettings.in(dir.resolve("kafka")));
        SchemaRegistryServer registry =
            SchemaRegistryServer.start(RegistrySettings.of(broker.bootstrapServers()));
        AgentTestBed bed =
            new AgentTestBed(
                broker,
                registry.url(),
                new TestTopics("footprint-"),
                "footprint",
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
                "footprint"));
      }
      bed.publish(works.toArray(Work[]::new));
      Map<String, String> env = new HashMap<>(bed.environment(Map.of()));
      Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), apiServer.getKubeConfigYaml());
      env.put("KUBECONFIG", kubeconfig.toString());
      try (AgentProcess agent = AgentProcess.start(env, dir.resolve("agent.log"))) {
        long started = System.nanoTime();
        for (Work work : works) {
          bed.awaitStatus(work.getObjectKey(), s -> s.getPhase() == WorkPhase.Applied);
        }
        long appliedMillis = (System.nanoTime() - started) / 1_000_000;
        Thread.sleep(10_000); // let the informers settle before reading memory
        Map<String, String> status = procStatus(agent.pid());
        System.out.printf(
            "agent with %d managed objects: VmRSS %s, VmHWM (peak) %s, all applied %d ms after"
                + " start (JVM: %s)%n",
            objects,
            status.get("VmRSS"),
            status.get("VmHWM"),
            appliedMillis,
            AgentProcess.JVM_OPTIONS);
      }
    } finally {
      apiServer.stop();
    }
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
