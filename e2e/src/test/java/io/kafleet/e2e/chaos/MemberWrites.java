package io.kafleet.e2e.chaos;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.kafleet.agent.ManagedObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every write to the ConfigMaps of one namespace of a member, as a watch on its API server sees it:
 * per object and content hash (the generation kafleet applied), each resourceVersion it was written
 * at, and every deletion. A second resourceVersion for one content hash is an object written twice
 * for one generation: a duplicated effect.
 */
final class MemberWrites implements AutoCloseable {

  static final String CONTENT_HASH = ManagedObjects.CONTENT_HASH_ANNOTATION;

  private final String member;
  private final KubernetesClient client;
  private final String namespace;
  private final Map<String, Map<String, Set<String>>> versions = new ConcurrentHashMap<>();
  private final List<String> deleted = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final AtomicInteger rewatches = new AtomicInteger();
  private volatile Watch watch;
  private volatile boolean closed;
  private volatile WatcherException closedWith;

  private MemberWrites(String member, KubernetesClient client, String namespace) {
    this.member = member;
    this.client = client;
    this.namespace = namespace;
    this.watch = client.configMaps().inNamespace(namespace).watch(new Writes());
  }

  /**
   * A kube-apiserver started again has no watch history from before it stopped: the watch is told
   * its resourceVersion is too old (410 Gone). It then lists what is there now, which records every
   * object's current version, and watches again from the list's version.
   */
  private synchronized void watchAgain() {
    if (closed) {
      return;
    }
    rewatches.incrementAndGet();
    ConfigMapList now = client.configMaps().inNamespace(namespace).list();
    now.getItems().forEach(this::record);
    watch =
        client
            .configMaps()
            .inNamespace(namespace)
            .withResourceVersion(now.getMetadata().getResourceVersion())
            .watch(new Writes());
  }

  private void record(ConfigMap map) {
    Map<String, String> annotations = map.getMetadata().getAnnotations();
    String hash = annotations == null ? null : annotations.get(CONTENT_HASH);
    versions
        .computeIfAbsent(map.getMetadata().getName(), n -> new ConcurrentHashMap<>())
        .computeIfAbsent(String.valueOf(hash), h -> ConcurrentHashMap.newKeySet())
        .add(map.getMetadata().getResourceVersion());
  }

  private final class Writes implements Watcher<ConfigMap> {
    @Override
    public void eventReceived(Action action, ConfigMap map) {
      if (action == Action.DELETED) {
        deleted.add(map.getMetadata().getName());
      } else if (action == Action.ADDED || action == Action.MODIFIED) {
        record(map);
      }
    }

    @Override
    public void onClose(WatcherException cause) {
      if (!cause.isHttpGone()) {
        closedWith = cause;
        return;
      }
      // Not on the client's callback thread, which must not block on a list.
      java.util.concurrent.CompletableFuture.runAsync(MemberWrites.this::watchAgain)
          .exceptionally(
              failure -> {
                cause.addSuppressed(failure);
                closedWith = cause;
                return null;
              });
    }
  }

  /** Starts watching the namespace's ConfigMaps in the member now; close when done. */
  static MemberWrites watch(String member, KubernetesClient client, String namespace) {
    return new MemberWrites(member, client, namespace);
  }

  /** How many objects were written at least once. */
  int written() {
    return versions.size();
  }

  /** Writes beyond the first of each object and content hash: each is a duplicated effect. */
  int duplicated() {
    requireOpen();
    return versions.values().stream()
        .flatMap(byHash -> byHash.values().stream())
        .mapToInt(set -> set.size() - 1)
        .sum();
  }

  /** The objects written twice for one content hash, with their resourceVersions. */
  Map<String, List<String>> duplicates() {
    Map<String, List<String>> found = new TreeMap<>();
    versions.forEach(
        (name, byHash) ->
            byHash.forEach(
                (hash, seen) -> {
                  if (seen.size() > 1) {
                    found.put(member + "/" + name + "@" + hash, new ArrayList<>(seen));
                  }
                }));
    return found;
  }

  /** The objects deleted while watched. */
  List<String> deleted() {
    requireOpen();
    return List.copyOf(deleted);
  }

  private void requireOpen() {
    if (closedWith != null) {
      throw new IllegalStateException(
          "the watch on " + member + " closed early, writes may be missed", closedWith);
    }
  }

  /** How many times the watch had to list and watch again (after an API server restart). */
  int rewatches() {
    return rewatches.get();
  }

  @Override
  public synchronized void close() {
    closed = true;
    watch.close();
  }
}
