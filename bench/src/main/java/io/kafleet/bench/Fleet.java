package io.kafleet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The running system under test: the stack and its member clusters, with the time each cluster took
 * from its agent's start to being listed Ready by placement-service.
 */
final class Fleet implements AutoCloseable {

  private final Stack stack;
  private final Api api;
  private final List<Member> members = new ArrayList<>();
  private final Map<String, Long> registrationNanos = new ConcurrentHashMap<>();

  Fleet(Stack stack, Api api) {
    this.stack = stack;
    this.api = api;
  }

  Stack stack() {
    return stack;
  }

  Api api() {
    return api;
  }

  /**
   * Starts the clusters one after the other and waits until every one is Ready; each cluster's
   * registration time runs from its own start, watched while the next ones start.
   */
  List<Member> addClusters(List<String> names, ClusterBackend.BackendKind kind)
      throws InterruptedException {
    Map<String, Long> startedAt = new ConcurrentHashMap<>();
    ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
    watcher.scheduleWithFixedDelay(
        () -> {
          for (String name : startedAt.keySet()) {
            if (!registrationNanos.containsKey(name)
                && api.clusterReady(stack.placementUrl(), name)) {
              registrationNanos.put(name, System.nanoTime() - startedAt.get(name));
            }
          }
        },
        0,
        20,
        TimeUnit.MILLISECONDS);
    try {
      List<Member> added = new ArrayList<>();
      for (String name : names) {
        startedAt.put(name, System.nanoTime());
        Member member =
            Member.start(name, kind, stack.bootstrapServers(), stack.schemaRegistryUrl());
        members.add(member);
        added.add(member);
      }
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (!registrationNanos.keySet().containsAll(names)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("clusters not Ready within 120 s: " + names);
        }
        Thread.sleep(20);
      }
      return added;
    } finally {
      watcher.shutdownNow();
    }
  }

  void removeClusters(List<Member> removed) {
    for (Member member : removed) {
      member.close();
      members.remove(member);
    }
  }

  List<String> clusterNames(ClusterBackend.BackendKind kind) {
    return members.stream()
        .filter(
            m -> kind == ClusterBackend.BackendKind.KUBE == (m.backend() instanceof KubeBackend))
        .map(Member::name)
        .toList();
  }

  List<String> allClusterNames() {
    return members.stream().map(Member::name).toList();
  }

  Member member(String name) {
    return members.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }

  Map<String, Long> registrationNanos() {
    return registrationNanos;
  }

  @Override
  public void close() {
    try {
      for (Member member : members) {
        member.close();
      }
    } finally {
      stack.close();
    }
  }
}
