package io.kafleet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kafleet.events.Work;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.kafka.embedded.KafkaBrokerExtension;
import io.kafleet.kafka.embedded.TestTopics;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.schemas.KafkaTopics;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as its own JVM, killed from outside with SIGKILL at the two points where a crash could
 * lose or repeat work: after applying part of a batch and before committing it, and after reporting
 * part of a batch and before committing it. Both points are seen from outside (objects on the
 * member's API server, reports on the status topic, the group's committed offset), read while the
 * agent is frozen with SIGSTOP so that it cannot move past them before the SIGKILL. After a restart
 * every work is in the member with its content (no lost effect), and no object was written twice
 * for its one generation (no duplicated effect: an apply of unchanged content leaves its
 * resourceVersion as it was).
 */
@ExtendWith(KafkaBrokerExtension.class)
class AgentCrashIT {

  private static final KubeAPIServer API_SERVER =
      new KubeAPIServer(
          KubeAPIServerConfigBuilder.anAPIServerConfig().withOfflineMode(true).build());

  private static final int OBJECTS = 400;

  /**
   * Few applies in flight for the agent that is killed, so that its batch takes seconds and the
   * test sees it part done; the restarted agent runs with the default.
   */
  private static final Map<String, String> SLOWER = Map.of(AgentSettings.APPLY_CONCURRENCY, "4");

  private static final int SIGKILL_EXIT = 128 + 9;

  private static SchemaRegistryServer registry;
  private static KubernetesClient client;

  @BeforeAll
  static void start(EmbeddedKafkaBroker broker, TestTopics topics) {
    API_SERVER.start();
    client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(API_SERVER.getKubeConfigYaml()))
            .build();
    registry =
        SchemaRegistryServer.start(
            RegistrySettings.of(broker.bootstrapServers()).withTopic(topics.name("_schemas")));
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (client != null) {
      client.close();
    }
    API_SERVER.stop();
  }

  @Test
  void killedAfterApplyingPartOfTheStartUpPassItAppliesTheRestAndRewritesNothing(
      EmbeddedKafkaBroker broker, TestTopics topics, @TempDir Path dir) throws Exception {
    String ns = "crash-applied";
    Path logs = logDir(ns);
    try (AgentTestBed bed = bed(broker, topics, "crash-applied");
        ConfigMapWrites writes = ConfigMapWrites.watch(client, ns)) {
      List<Work> works = new ArrayList<>();
      works.add(namespace(bed, ns));
      works.addAll(configMaps(bed, ns, "cm-", OBJECTS));
      bed.publish(works.toArray(Work[]::new));

      try (AgentProcess first = AgentProcess.start(env(bed, dir, SLOWER), logs.resolve("1.log"))) {
        killOnceFrozenIn(
            first,
            () -> {
              int applied = resourceVersions(ns).size() - 1;
              return applied >= OBJECTS / 10 && applied < OBJECTS && committed(broker, bed) == null;
            });
      }
      int appliedBeforeKill = writes.written();
      Map<String, String> versionsAtKill = resourceVersions(ns);
      assertThat(appliedBeforeKill).as("ConfigMaps applied before the kill").isLessThan(OBJECTS);
      assertThat(committed(broker, bed)).as("offset committed before the kill").isNull();

      long restartedAt = System.nanoTime();
      try (AgentProcess second =
          AgentProcess.start(env(bed, dir, Map.of()), logs.resolve("2.log"))) {
        awaitApplied(bed, works);
        await()
            .atMost(AgentTestBed.PATIENCE)
            .until(() -> committedOffset(broker, bed) == works.size());
        // The Deployment's probes: ready once the start-up pass is done and queries are assigned.
        await().atMost(AgentTestBed.PATIENCE).until(() -> probe(second, "/readyz") == 200);
        printReadyAfter(restartedAt);
        assertThat(probe(second, "/healthz")).as("/healthz of a running agent").isEqualTo(200);
      }

      assertNoLostOrDuplicatedEffects(bed, works, writes, versionsAtKill);
    }
  }

  @Test
  void killedAfterReportingPartOfABatchItAppliesTheRestAndRewritesNothing(
      EmbeddedKafkaBroker broker, TestTopics topics, @TempDir Path dir) throws Exception {
    String ns = "crash-reported";
    Path logs = logDir(ns);
    try (AgentTestBed bed = bed(broker, topics, "crash-reported");
        ConfigMapWrites writes = ConfigMapWrites.watch(client, ns)) {
      List<Work> before = new ArrayList<>();
      before.add(namespace(bed, ns));
      before.addAll(configMaps(bed, ns, "early-", 10));
      bed.publish(before.toArray(Work[]::new));
      List<Work> batch = configMaps(bed, ns, "cm-", OBJECTS);
      // One producer, one partition: the batch's records follow the first works in this order.
      Map<String, Long> offsets = new HashMap<>();
      for (int i = 0; i < batch.size(); i++) {
        offsets.put(batch.get(i).getObjectKey(), (long) before.size() + i);
      }

      Map<String, String> versionsAtKill;
      try (AgentProcess first = AgentProcess.start(env(bed, dir, SLOWER), logs.resolve("1.log"))) {
        awaitApplied(bed, before);
        await()
            .atMost(AgentTestBed.PATIENCE)
            .until(() -> committedOffset(broker, bed) == before.size());

        bed.publish(batch.toArray(Work[]::new));
        // Deep in a poll: many of its objects reported, their offsets not committed yet.
        killOnceFrozenIn(
            first,
            () ->
                reportedFrom(bed, offsets, 0) >= OBJECTS / 4
                    && reportedFrom(bed, offsets, committedOffset(broker, bed)) >= 20);
        versionsAtKill = resourceVersions(ns);
      }
      long committedAtKill = committedOffset(broker, bed);
      assertThat(committedAtKill)
          .as("committed offset after the kill")
          .isLessThan(before.size() + OBJECTS);
      assertThat(reportedFrom(bed, offsets, committedAtKill))
          .as("works reported on the status topic but not committed when the agent was killed")
          .isPositive();

      List<Work> works = new ArrayList<>(before);
      works.addAll(batch);
      long restartedAt = System.nanoTime();
      try (AgentProcess second =
          AgentProcess.start(env(bed, dir, Map.of()), logs.resolve("2.log"))) {
        awaitApplied(bed, works);
        await()
            .atMost(AgentTestBed.PATIENCE)
            .until(() -> committedOffset(broker, bed) == works.size());
        // Ready once both groups gave it its partitions: at once, as a static member.
        await().atMost(AgentTestBed.PATIENCE).until(() -> probe(second, "/readyz") == 200);
        printReadyAfter(restartedAt);
      }

      assertNoLostOrDuplicatedEffects(bed, works, writes, versionsAtKill);
    }
  }

  /** For the reader of the test's output: how long the restarted agent took to be ready. */
  private static void printReadyAfter(long restartedAt) {
    System.out.printf(
        "restarted agent ready (/readyz 200) %d ms after its start%n",
        Duration.ofNanos(System.nanoTime() - restartedAt).toMillis());
  }

  /**
   * Kills the agent at a state read from outside. Read while it runs, the state may be gone by the
   * time the signal lands (the agent commits a batch in milliseconds), so the agent is frozen with
   * SIGSTOP first, the state read, and the agent either killed frozen or let run on.
   */
  private static void killOnceFrozenIn(AgentProcess agent, Callable<Boolean> state)
      throws InterruptedException {
    await()
        .atMost(AgentTestBed.PATIENCE)
        .pollInSameThread()
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> {
              agent.suspend();
              if (state.call()) {
                return true;
              }
              agent.resume();
              return false;
            });
    assertThat(agent.kill()).as("exit code after SIGKILL").isEqualTo(SIGKILL_EXIT);
  }

  /**
   * Lost: a work not in the member with its content. Duplicated: an object written again for
   * unchanged content, seen by the watch as a second resourceVersion, or by comparing the version
   * each object had at the kill with the one it has now. Reports repeated by the restart's start-up
   * pass must say the same as the first (same work, same phase): consumers take them as one.
   */
  private static void assertNoLostOrDuplicatedEffects(
      AgentTestBed bed,
      List<Work> works,
      ConfigMapWrites writes,
      Map<String, String> versionsAtKill) {
    String ns = namespaceOf(works);
    Map<String, String> now = resourceVersions(ns);
    List<String> lost = new ArrayList<>();
    for (Work work : works) {
      HasMetadata live = live(work, ns);
      if (live == null
          || !work.getContentHash()
              .equals(
                  live.getMetadata()
                      .getAnnotations()
                      .get(ManagedObjects.CONTENT_HASH_ANNOTATION))) {
        lost.add(work.getObjectKey());
      }
    }
    Map<String, String> changedSinceKill = new TreeMap<>();
    versionsAtKill.forEach(
        (name, version) -> {
          if (!version.equals(now.get(name))) {
            changedSinceKill.put(name, version + " -> " + now.get(name));
          }
        });
    Map<String, Work> byKey = new HashMap<>();
    works.forEach(work -> byKey.put(work.getObjectKey(), work));
    List<String> contradicting = new ArrayList<>();
    for (WorkStatus status : bed.allStatuses()) {
      Work work = byKey.get(status.getObjectKey());
      if (work != null) {
        if (status.getPhase() != WorkPhase.Applied
            || !work.getContentHash().equals(status.getAppliedHash())
            || !java.util.Objects.equals(
                status.getAppliedGeneration(), work.getTemplateGeneration())) {
          contradicting.add(status.toString());
        }
      }
    }

    assertThat(lost).as("lost effects: works missing from the member").isEmpty();
    assertThat(writes.rewrites())
        .as("duplicated effects seen by the watch: %s", writes.rewritten())
        .isZero();
    assertThat(changedSinceKill)
        .as("duplicated effects: objects rewritten after the kill for unchanged content")
        .isEmpty();
    assertThat(writes.written()).as("ConfigMaps written").isEqualTo(works.size() - 1);
    assertThat(contradicting).as("reports that contradict the work").isEmpty();
  }

  /**
   * The member's topics, its query topics included: the agent is ready only once its query group
   * gave it its partitions, which after a SIGKILL a dynamic member gets only when the killed one's
   * session has timed out.
   */
  private static AgentTestBed bed(EmbeddedKafkaBroker broker, TestTopics topics, String cluster) {
    AgentTestBed bed =
        new AgentTestBed(broker, registry.url(), topics, cluster, API_SERVER.getKubeConfigYaml());
    KafkaTopics.createMissing(
        broker.adminClientProperties(),
        KafkaTopics.memberTopics(bed.topics(), cluster, java.util.Optional.empty()));
    return bed;
  }

  /** The agents' logs, kept in target/ to read after a failure. */
  private static Path logDir(String test) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "agent-crash-logs", test));
    Files.deleteIfExists(dir.resolve("1.log"));
    Files.deleteIfExists(dir.resolve("2.log"));
    return dir;
  }

  private static Map<String, String> env(AgentTestBed bed, Path dir, Map<String, String> extra)
      throws IOException {
    Path kubeconfig = dir.resolve("kubeconfig");
    if (!Files.exists(kubeconfig)) {
      Files.writeString(kubeconfig, API_SERVER.getKubeConfigYaml());
    }
    Map<String, String> env = new HashMap<>(bed.environment(extra));
    env.put("KUBECONFIG", kubeconfig.toString());
    return env;
  }

  private static Work namespace(AgentTestBed bed, String ns) {
    return Works.work(
        bed.cluster(), "apiVersion: v1\nkind: Namespace\nmetadata: {name: " + ns + "}\n", null);
  }

  private static List<Work> configMaps(AgentTestBed bed, String ns, String prefix, int count) {
    List<Work> works = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      works.add(Works.work(bed.cluster(), AgentIT.configMap(prefix + i, "v" + i), ns));
    }
    return works;
  }

  private static String namespaceOf(List<Work> works) {
    return works.stream()
        .filter(work -> work.getObjectKey().startsWith("core/Namespace/"))
        .map(work -> work.getObjectKey().substring("core/Namespace/_/".length()))
        .findFirst()
        .orElseThrow();
  }

  private static HasMetadata live(Work work, String ns) {
    String name = work.getObjectKey().substring(work.getObjectKey().lastIndexOf('/') + 1);
    return work.getObjectKey().startsWith("core/Namespace/")
        ? client.namespaces().withName(name).get()
        : client.configMaps().inNamespace(ns).withName(name).get();
  }

  /** The resourceVersion of the namespace (as "namespace") and of each of its ConfigMaps. */
  private static Map<String, String> resourceVersions(String ns) {
    Map<String, String> versions = new HashMap<>();
    for (ConfigMap map : client.configMaps().inNamespace(ns).list().getItems()) {
      versions.put(map.getMetadata().getName(), map.getMetadata().getResourceVersion());
    }
    var namespace = client.namespaces().withName(ns).get();
    if (namespace != null) {
      versions.put("namespace", namespace.getMetadata().getResourceVersion());
    }
    return versions;
  }

  /** Waits until every work's latest report says Applied, reading the status topic once a poll. */
  private static void awaitApplied(AgentTestBed bed, List<Work> works) {
    await()
        .atMost(AgentTestBed.PATIENCE)
        .pollInSameThread()
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              Map<String, WorkPhase> latest = new HashMap<>();
              bed.allStatuses().forEach(s -> latest.put(s.getObjectKey(), s.getPhase()));
              return works.stream()
                  .allMatch(work -> latest.get(work.getObjectKey()) == WorkPhase.Applied);
            });
  }

  /** How many of these works, from the offset on, have a report on the status topic. */
  private static long reportedFrom(AgentTestBed bed, Map<String, Long> offsets, long from) {
    return bed.reportedKeys().stream()
        .filter(key -> offsets.containsKey(key) && offsets.get(key) >= from)
        .count();
  }

  private static int probe(AgentProcess agent, String path) {
    try {
      HttpURLConnection connection =
          (HttpURLConnection)
              URI.create("http://127.0.0.1:" + agent.healthPort() + path).toURL().openConnection();
      try {
        return connection.getResponseCode();
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      return -1;
    }
  }

  private static long committedOffset(EmbeddedKafkaBroker broker, AgentTestBed bed) {
    OffsetAndMetadata offset = committed(broker, bed);
    return offset == null ? -1 : offset.offset();
  }

  private static OffsetAndMetadata committed(EmbeddedKafkaBroker broker, AgentTestBed bed) {
    try (Admin admin = broker.admin()) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets("kafleet-agent-" + bed.cluster())
              .partitionsToOffsetAndMetadata()
              .get();
      return offsets.get(new TopicPartition(bed.topics().executionSpace(bed.cluster()), 0));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
