package io.kafleet.bench;

import io.kafleet.events.Work;
import io.kafleet.schemas.Topics;
import java.io.IOException;
import java.net.ServerSocket;
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

  static final String FLEET_NAMESPACE = "fleet";

  /** Objects per apply while the fleet is built: large multi-document applies, as a CI does. */
  private static final int FLEET_CHUNK = 1000;

  /** The object the latest fan-out applied last: its status is the last the agents reported. */
  private String lastFannedOut;

  private int fleetObjects;
  private long worksPlaced;

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

  /**
   * Builds (or grows) the fleet every later figure is taken in: ConfigMaps in the namespace {@code
   * fleet}, each to every one of the clusters, in large multi-document applies, until at least
   * {@code works} more works are placed; returns once every cluster reported all of them Applied,
   * so that nothing of the build is still running when the measured part starts.
   */
  Map<String, Object> buildFleet(int works, List<String> clusters) throws Exception {
    int objects = (works + clusters.size() - 1) / clusters.size();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("objects", objects);
    result.put("clusters", clusters.size());
    result.put("works", objects * clusters.size());
    if (objects == 0) {
      result.put("fleetWorks", worksPlaced);
      return result;
    }
    List<String> ids = new ArrayList<>();
    long start = System.nanoTime();
    try (StatusLog log = statusLog(clusters)) {
      int first = fleetObjects;
      for (int from = first; from < first + objects; from += FLEET_CHUNK) {
        StringBuilder yaml = new StringBuilder();
        if (from == 0) {
          yaml.append(Manifests.policy(FLEET_NAMESPACE, clusters));
        }
        for (int i = from; i < Math.min(first + objects, from + FLEET_CHUNK); i++) {
          String name = "cm-" + i;
          yaml.append("---\n").append(Manifests.configMap(FLEET_NAMESPACE, name, i));
          for (String cluster : clusters) {
            ids.add(StatusLog.id(cluster, Manifests.objectKey(FLEET_NAMESPACE, name)));
          }
        }
        api.apply(stack.placementUrl(), yaml.toString());
      }
      fleetObjects += objects;
      worksPlaced += ids.size();
      Map<String, Long> applied =
          log.awaitApplied(ids, Duration.ofSeconds(Math.max(300, ids.size() / 20)));
      long last = applied.values().stream().mapToLong(Long::longValue).max().orElseThrow();
      result.put("allAppliedMs", millis(last - start));
      result.put("worksPerSecond", Math.round(ids.size() / ((last - start) / 1e9)));
    }
    result.put("fleetWorks", worksPlaced);
    return result;
  }

  /** Works the bench placed so far (what the fleet holds, give or take the shift routes). */
  long worksPlaced() {
    return worksPlaced;
  }

  /** Objects applied in one call to clusters; works/s from the request sent to the last Applied. */
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
    long fleetBefore = worksPlaced;
    try (StatusLog log = statusLog(clusters)) {
      Api.ApplyCall call = api.apply(stack.placementUrl(), yaml.toString());
      worksPlaced += ids.size();
      Map<String, Long> applied =
          log.awaitApplied(ids, Duration.ofSeconds(Math.max(180, ids.size() / 20)));
      long last = applied.values().stream().mapToLong(Long::longValue).max().orElseThrow();
      long start = call.sentAt();
      lastFannedOut = Manifests.objectKey(namespace, "cm-" + (objects - 1));
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("objects", objects);
      result.put("clusters", clusters.size());
      result.put("works", ids.size());
      result.put("fleetWorks", fleetBefore);
      result.put("applyCallMs", millis(call.nanos()));
      result.put("allAppliedMs", millis(last - start));
      result.put("worksPerSecond", Math.round(ids.size() / ((last - start) / 1e9)));
      result.put("latencyFromRequestSent", since(applied.values(), call.sentAt()).toMap());
      result.put("latencyAfterApplyReturned", since(applied.values(), call.returnedAt()).toMap());
      return result;
    }
  }

  /**
   * Single-object applies one after the other, each to the clusters, with whatever the fleet
   * already holds. For each: the apply call (request sent → answer read); the time from the request
   * sent to each cluster's Applied (its agent's WorkStatus, as the bench's consumer of the status
   * topic receives it) and to the object's appearance in each member's API server (a watch on the
   * member); and, as before, from the call's return to each Applied.
   */
  Map<String, Object> distribution(String namespace, int objects, List<String> clusters)
      throws Exception {
    api.apply(stack.placementUrl(), Manifests.policy(namespace, clusters));
    long fleetBefore = worksPlaced;
    List<Long> applyCall = new ArrayList<>();
    List<Long> fromSent = new ArrayList<>();
    List<Long> inMemberFromSent = new ArrayList<>();
    List<Long> afterReturn = new ArrayList<>();
    try (StatusLog log = statusLog(clusters);
        MemberWatch members = MemberWatch.start(fleet, clusters, namespace)) {
      for (int i = 0; i < objects; i++) {
        String name = "one-" + i;
        List<String> ids =
            clusters.stream()
                .map(cluster -> StatusLog.id(cluster, Manifests.objectKey(namespace, name)))
                .toList();
        Api.ApplyCall call =
            api.apply(stack.placementUrl(), Manifests.configMap(namespace, name, i));
        worksPlaced += clusters.size();
        // Generous: on a loaded machine one cluster's reports have come over 60 s late.
        Map<String, Long> applied = log.awaitApplied(ids, Duration.ofSeconds(180));
        Map<String, Long> seen = members.await(clusters, name, Duration.ofSeconds(180));
        applyCall.add(call.nanos());
        applied.values().forEach(at -> fromSent.add(at - call.sentAt()));
        applied.values().forEach(at -> afterReturn.add(Math.max(0, at - call.returnedAt())));
        seen.values().forEach(at -> inMemberFromSent.add(at - call.sentAt()));
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("objects", objects);
    result.put("clusters", clusters.size());
    result.put("fleetWorks", fleetBefore);
    result.put("fromRequestSentToApplied", Percentiles.ofNanos(fromSent).toMap());
    result.put("fromRequestSentToInMember", Percentiles.ofNanos(inMemberFromSent).toMap());
    result.put("afterCallReturnedToApplied", Percentiles.ofNanos(afterReturn).toMap());
    result.put("applyCall", Percentiles.ofNanos(applyCall).toMap());
    return result;
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
      worksPlaced += 4L * all.size();
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
      // Its probes' default port (8080) may be taken on a shared machine.
      env.put(io.kafleet.agent.HealthServer.PORT, Integer.toString(freePort()));
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
          long applyStart = api.apply(stack.placementUrl(), yaml.toString()).sentAt();
          worksPlaced += objects;
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

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
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

  private static Percentiles since(Collection<Long> times, long from) {
    return Percentiles.ofNanos(times.stream().map(at -> Math.max(0, at - from)).toList());
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
