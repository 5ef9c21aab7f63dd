package io.kafleet.bench;

import io.kafleet.events.Work;
import io.kafleet.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/** Each measurement, taken from the outside: public HTTP APIs and topics only. */
final class Scenarios {

  private final Fleet fleet;
  private final Stack stack;
  private final Api api;
  private final Duration settle;

  /** The object the latest fan-out applied last: its status is the last the agents reported. */
  private String lastFannedOut;

  /**
   * @param settle how long to wait for what may still come (re-emitted works, informers) before
   *     counting or reading memory
   */
  Scenarios(Fleet fleet, Duration settle) {
    this.fleet = fleet;
    this.settle = settle;
    this.stack = fleet.stack();
    this.api = fleet.api();
  }

  /** Objects applied in one call to clusters; works/s from the call to the last Applied. */
  Map<String, Object> fanOut(int objects, List<String> clusters) throws Exception {
    String namespace = "fan-" + objects + "x" + clusters.size();
    StringBuilder yaml = new StringBuilder(Manifests.policy(namespace, clusters));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < objects; i++) {
      String name = "cm-" + i;
      yaml.append("---\n").append(Manifests.configMap(namespace, name, i));
      for (String cluster : clusters) {
        ids.add(StatusLog.id(cluster, Manifests.objectKey(namespace, name)));
      }
    }
    try (StatusLog log = statusLog(clusters)) {
      long start = System.nanoTime();
      api.apply(stack.placementUrl(), yaml.toString());
      long returned = System.nanoTime();
      Map<String, Long> applied =
          log.awaitApplied(ids, Duration.ofSeconds(Math.max(180, ids.size() / 20)));
      long last = applied.values().stream().mapToLong(Long::longValue).max().orElseThrow();
      lastFannedOut = Manifests.objectKey(namespace, "cm-" + (objects - 1));
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("objects", objects);
      result.put("clusters", clusters.size());
      result.put("works", ids.size());
      result.put("applyCallMs", millis(returned - start));
      result.put("allAppliedMs", millis(last - start));
      result.put("worksPerSecond", Math.round(ids.size() / ((last - start) / 1e9)));
      result.put("latencyAfterApplyReturned", sinceReturn(applied.values(), returned).toMap());
      return result;
    }
  }

  /**
   * Single-object applies one after the other, each to the clusters: the time from each apply call
   * returning to each cluster's Applied, with whatever the fleet already holds.
   */
  Percentiles distribution(String namespace, int objects, List<String> clusters) throws Exception {
    api.apply(stack.placementUrl(), Manifests.policy(namespace, clusters));
    List<Long> samples = new ArrayList<>();
    try (StatusLog log = statusLog(clusters)) {
      for (int i = 0; i < objects; i++) {
        String name = "one-" + i;
        List<String> ids =
            clusters.stream()
                .map(cluster -> StatusLog.id(cluster, Manifests.objectKey(namespace, name)))
                .toList();
        api.apply(stack.placementUrl(), Manifests.configMap(namespace, name, i));
        long returned = System.nanoTime();
        // Generous: on a loaded machine one cluster's reports have come over 60 s late (README).
        Map<String, Long> applied = log.awaitApplied(ids, Duration.ofSeconds(180));
        applied.values().forEach(at -> samples.add(Math.max(0, at - returned)));
      }
    }
    return Percentiles.ofNanos(samples);
  }

  /**
   * The podinfo shape under a generated name, then weight shifts alternating 80/20 and 20/80 in the
   * clusters: from the POST to the last cluster's Converged on kafleet.traffic.events.
   */
  Percentiles shifts(List<String> clusters, int repeats) throws Exception {
    String namespace = "shift-" + clusters.size();
    String name = "podinfo-" + clusters.size();
    List<String> all = fleet.allClusterNames();
    try (StatusLog log = statusLog(all)) {
      api.apply(stack.placementUrl(), Manifests.routes(namespace, name));
      log.awaitApplied(
          all.stream()
              .map(cluster -> StatusLog.id(cluster, Manifests.virtualServiceKey(namespace, name)))
              .toList(),
          Duration.ofSeconds(60));
    }
    List<Long> samples = new ArrayList<>();
    try (ShiftLog log = new ShiftLog(stack.bootstrapServers(), stack.schemaRegistryUrl())) {
      for (int i = 0; i < repeats; i++) {
        int green = i % 2 == 0 ? 80 : 20;
        long start = System.nanoTime();
        String shiftId =
            api.shift(stack.trafficUrl(), Manifests.shift(namespace, name, green, clusters));
        long last;
        try {
          last = log.awaitConverged(shiftId, clusters, Duration.ofSeconds(60));
        } catch (TimeoutException e) {
          throw new IllegalStateException(
              e.getMessage()
                  + "; traffic-service says: "
                  + api.get(stack.trafficUrl() + "/api/v1/shifts/" + shiftId)
                  + "; member: "
                  + api.get(
                      stack.placementUrl()
                          + "/api/v1/clusters/"
                          + clusters.get(0)
                          + "/objects?apiVersion=networking.istio.io/v1alpha3&kind=VirtualService&namespace="
                          + namespace
                          + "&name="
                          + name),
              e);
        }
        samples.add(last - start);
      }
    }
    return Percentiles.ofNanos(samples);
  }

  /**
   * placement-service stopped and started with every work in place: the time until the new instance
   * serves GET /api/v1/objects (200, so it leads and has read the fleet), until its status is
   * current (the template the last fan-out applied last, whose reports come last on the status
   * topics, is Healthy in every cluster again), and the records it wrote to the execution spaces
   * (none expected: it re-reads them and writes only changes).
   */
  Map<String, Object> placementRestart() throws Exception {
    List<String> spaces =
        fleet.allClusterNames().stream().map(Topics.DEFAULT::executionSpace).toList();
    long works = 0;
    for (String space : spaces) {
      works += liveKeys(space);
    }
    AtomicLong emitted = new AtomicLong();
    Map<String, Object> result = new LinkedHashMap<>();
    TopicFollower<Work> follower =
        TopicFollower.start(
            stack.bootstrapServers(),
            stack.schemaRegistryUrl(),
            spaces,
            (ConsumerRecord<String, Work> record, Long at) -> emitted.incrementAndGet());
    try {
      stack.stopPlacement();
      long start = System.nanoTime();
      stack.startPlacement();
      long contextUp = System.nanoTime();
      while (api.status(stack.placementUrl() + "/api/v1/objects?kind=Namespace") != 200) {
        if (System.nanoTime() - start > 600_000_000_000L) {
          throw new TimeoutException("placement-service did not serve reads within 600 s");
        }
        Thread.sleep(10);
      }
      long serving = System.nanoTime();
      long statusCurrent = lastFannedOut == null ? serving : awaitHealthy(lastFannedOut, start);
      Thread.sleep(settle.toMillis()); // anything it re-emits comes right after it takes the lead
      result.put("works", works);
      result.put("contextStartedMs", millis(contextUp - start));
      result.put("servesReadsMs", millis(serving - start));
      result.put("statusCurrentMs", millis(statusCurrent - start));
      result.put("statusProbe", lastFannedOut);
      result.put("reEmittedRecords", emitted.get());
    } finally {
      follower.close();
    }
    return result;
  }

  /** When GET /api/v1/objects/{key} said Healthy, every cluster reporting the current work. */
  private long awaitHealthy(String objectKey, long start) throws Exception {
    while (true) {
      JsonNode status =
          api.get(stack.placementUrl() + "/api/v1/objects/" + objectKey).path("status");
      boolean current = status.path("clusters").size() > 0;
      for (JsonNode cluster : status.path("clusters")) {
        current &= cluster.path("current").asBoolean();
      }
      if (current && status.path("health").asString().equals("Healthy")) {
        return System.nanoTime();
      }
      if (System.nanoTime() - start > 600_000_000_000L) {
        throw new TimeoutException(objectKey + " not Healthy again within 600 s: " + status);
      }
      Thread.sleep(50);
    }
  }

  /** An agent stopped and started: the time until it reported every work of its cluster again. */
  Map<String, Object> agentRestart(String cluster) throws Exception {
    long works = liveKeys(Topics.DEFAULT.executionSpace(cluster));
    Member member = fleet.member(cluster);
    member.stopAgent();
    Map<String, Object> result = new LinkedHashMap<>();
    try (StatusLog log = statusLog(List.of(cluster))) {
      long start = System.nanoTime();
      member.startAgent();
      long done = log.awaitReports(cluster, works, Duration.ofSeconds(Math.max(120, works / 100)));
      result.put("cluster", cluster);
      result.put("objects", works);
      result.put("startUpReconcileMs", millis(done - start));
    }
    return result;
  }

  /**
   * The agent as its own JVM (the README's JVM options) for one in-memory cluster with N objects:
   * its registration latency (start to Ready in GET /api/v1/clusters), the time until all N were
   * Applied, and its resident memory and CPU time then.
   */
  Map<String, Object> agentProcess(String cluster, int objects, Path directory) throws Exception {
    Member.createTopics(cluster, stack.bootstrapServers());
    Map<String, Object> result = new LinkedHashMap<>();
    try (MemoryBackend backend = MemoryBackend.start()) {
      Path kubeconfig =
          Files.writeString(directory.resolve(cluster + ".kubeconfig"), backend.kubeconfig());
      Map<String, String> env =
          new HashMap<>(
              Member.agentEnvironment(
                  cluster, stack.bootstrapServers(), stack.schemaRegistryUrl()));
      env.put("KUBECONFIG", kubeconfig.toString());
      long start = System.nanoTime();
      try (ChildAgent agent = ChildAgent.start(env, directory.resolve(cluster + ".log"))) {
        while (!api.clusterReady(stack.placementUrl(), cluster)) {
          agent.checkAlive();
          if (System.nanoTime() - start > 120_000_000_000L) {
            throw new TimeoutException(cluster + " not Ready within 120 s");
          }
          Thread.sleep(20);
        }
        long ready = System.nanoTime();
        result.put("cluster", cluster);
        result.put("registrationMs", millis(ready - start));
        String namespace = "footprint";
        StringBuilder yaml = new StringBuilder(Manifests.policy(namespace, List.of(cluster)));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < objects; i++) {
          yaml.append("---\n").append(Manifests.configMap(namespace, "cm-" + i, i));
          ids.add(StatusLog.id(cluster, Manifests.objectKey(namespace, "cm-" + i)));
        }
        try (StatusLog log = statusLog(List.of(cluster))) {
          long applyStart = System.nanoTime();
          api.apply(stack.placementUrl(), yaml.toString());
          Map<String, Long> applied = log.awaitApplied(ids, Duration.ofSeconds(180));
          long last = applied.values().stream().mapToLong(Long::longValue).max().orElseThrow();
          result.put("objects", objects);
          result.put("allAppliedMs", millis(last - applyStart));
        }
        Thread.sleep(settle.toMillis()); // let the informers settle before reading memory
        result.put("jvmOptions", String.join(" ", ChildAgent.JVM_OPTIONS));
        result.put("process", ProcessStats.of("agent (own JVM)", agent.pid()).toMap());
      }
    }
    return result;
  }

  private StatusLog statusLog(Collection<String> clusters) {
    return new StatusLog(stack.bootstrapServers(), stack.schemaRegistryUrl(), clusters);
  }

  /** Keys whose latest committed record in the topic is not a tombstone. */
  private long liveKeys(String topic) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                10_000),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Map<String, Boolean> live = new HashMap<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          live.put(record.key(), record.value() != null);
        }
      }
      return live.values().stream().filter(Boolean::booleanValue).count();
    }
  }

  private static Percentiles sinceReturn(Collection<Long> times, long returned) {
    return Percentiles.ofNanos(times.stream().map(at -> Math.max(0, at - returned)).toList());
  }

  static double millis(long nanos) {
    return Percentiles.round(nanos / 1e6);
  }

  static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // best effort
    }
  }
}
