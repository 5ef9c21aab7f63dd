package io.kafleet.bench;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * A watch on the ConfigMaps of one namespace in each member's API server: when each (cluster, name)
 * was first seen there ({@link System#nanoTime} at the event's arrival). What a user polling the
 * member would see, without kafleet's own status report in between.
 */
final class MemberWatch implements AutoCloseable {

  private final Map<String, Long> seenAt = new ConcurrentHashMap<>();
  private final List<KubernetesClient> clients = new ArrayList<>();
  private final List<Watch> watches = new ArrayList<>();

  /** Starts one watch per member; the namespace is expected to be new, so no old events come. */
  static MemberWatch start(Fleet fleet, Collection<String> clusters, String namespace) {
    MemberWatch watch = new MemberWatch();
    try {
      for (String cluster : clusters) {
        KubernetesClient client = fleet.member(cluster).backend().newClient();
        watch.clients.add(client);
        watch.watches.add(
            client.configMaps().inNamespace(namespace).watch(watch.recorder(cluster)));
      }
      return watch;
    } catch (RuntimeException e) {
      watch.close();
      throw e;
    }
  }

  private Watcher<ConfigMap> recorder(String cluster) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap object) {
        long at = System.nanoTime();
        if (action == Action.ADDED || action == Action.MODIFIED) {
          seenAt.putIfAbsent(StatusLog.id(cluster, object.getMetadata().getName()), at);
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        // a missed object shows as a timeout in await, naming it
      }
    };
  }

  /** Waits until every (cluster, name) was seen; returns the arrival times by id. */
  Map<String, Long> await(Collection<String> clusters, String name, Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Long> times = new HashMap<>();
    for (String cluster : clusters) {
      String id = StatusLog.id(cluster, name);
      Long at;
      while ((at = seenAt.get(id)) == null) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException(
              "ConfigMap " + name + " not seen in " + cluster + "'s API server in " + timeout);
        }
        Thread.sleep(1);
      }
      times.put(id, at);
    }
    return times;
  }

  @Override
  public void close() {
    watches.forEach(Watch::close);
    clients.forEach(KubernetesClient::close);
  }
}
