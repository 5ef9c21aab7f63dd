package io.kafleet.agent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every write to the ConfigMaps of one namespace, as a watch on the member's API server sees it:
 * per name, each resourceVersion it was written at. An object written more than once for unchanged
 * content is a duplicated effect.
 */
final class ConfigMapWrites implements AutoCloseable {

  private final Map<String, Set<String>> versions = new ConcurrentHashMap<>();
  private final Watch watch;
  private volatile WatcherException closedWith;

  private ConfigMapWrites(KubernetesClient client, String namespace) {
    this.watch =
        client
            .configMaps()
            .inNamespace(namespace)
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, ConfigMap map) {
                    if (action == Action.ADDED || action == Action.MODIFIED) {
                      versions
                          .computeIfAbsent(
                              map.getMetadata().getName(),
                              name -> java.util.Collections.synchronizedSet(new LinkedHashSet<>()))
                          .add(map.getMetadata().getResourceVersion());
                    }
                  }

                  @Override
                  public void onClose(WatcherException cause) {
                    closedWith = cause;
                  }
                });
  }

  /** Starts watching the namespace's ConfigMaps now; close when done. */
  static ConfigMapWrites watch(KubernetesClient client, String namespace) {
    return new ConfigMapWrites(client, namespace);
  }

  /** How many ConfigMaps were written at least once. */
  int written() {
    return versions.size();
  }

  /** Writes beyond each object's first: with unchanged content, each is a duplicated effect. */
  int rewrites() {
    requireOpen();
    return versions.values().stream().mapToInt(set -> set.size() - 1).sum();
  }

  /** The names written more than once, with their resourceVersions, for a failure's message. */
  Map<String, Set<String>> rewritten() {
    Map<String, Set<String>> rewritten = new java.util.TreeMap<>();
    versions.forEach(
        (name, seen) -> {
          if (seen.size() > 1) {
            rewritten.put(name, Set.copyOf(seen));
          }
        });
    return rewritten;
  }

  private void requireOpen() {
    if (closedWith != null) {
      throw new IllegalStateException("the watch closed early, writes may be missed", closedWith);
    }
  }

  @Override
  public void close() {
    watch.close();
  }
}
