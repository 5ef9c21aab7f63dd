package io.kafleet.bench.peer;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each benchmark ConfigMap first appeared in each member, watched on the member's own API
 * server: the one clock both systems are read with.
 */
final class Arrivals implements AutoCloseable {

  static final String LABEL = "bench";
  static final String VALUE = "peer";
  static final String NAMESPACE = "default";

  private final Map<String, Map<String, Long>> seen = new ConcurrentHashMap<>();
  private final List<Watch> watches = new ArrayList<>();

  private Arrivals() {}

  static Arrivals watch(Map<String, KubernetesClient> members) {
    Arrivals arrivals = new Arrivals();
    members.forEach(
        (member, client) -> {
          Map<String, Long> byName = new ConcurrentHashMap<>();
          arrivals.seen.put(member, byName);
          arrivals.watches.add(
              client
                  .configMaps()
                  .inNamespace(NAMESPACE)
                  .withLabel(LABEL, VALUE)
                  .watch(
                      new Watcher<>() {
                        @Override
                        public void eventReceived(Action action, ConfigMap object) {
                          long now = System.nanoTime();
                          if (action == Action.ADDED || action == Action.MODIFIED) {
                            byName.putIfAbsent(object.getMetadata().getName(), now);
                          }
                        }

                        @Override
                        public void onClose(WatcherException cause) {
                          // fabric8 reconnects by itself; a closed watch ends the run below
                        }
                      }));
        });
    return arrivals;
  }

  /**
   * Waits until every name is in every member; the arrival times by member, in the order of the
   * names.
   */
  Map<String, List<Long>> await(Collection<String> names, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<String> missing = missing(names);
      if (missing.isEmpty()) {
        Map<String, List<Long>> times = new java.util.TreeMap<>();
        seen.forEach(
            (member, byName) -> times.put(member, names.stream().map(byName::get).toList()));
        return times;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            missing.size() + " arrivals missing after " + timeout + ", e.g. " + missing.get(0));
      }
      pause();
    }
  }

  private List<String> missing(Collection<String> names) {
    List<String> missing = new ArrayList<>();
    seen.forEach(
        (member, byName) ->
            names.stream()
                .filter(name -> !byName.containsKey(name))
                .forEach(name -> missing.add(name + " in " + member)));
    return missing;
  }

  private static void pause() {
    try {
      Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    watches.forEach(Watch::close);
  }
}
