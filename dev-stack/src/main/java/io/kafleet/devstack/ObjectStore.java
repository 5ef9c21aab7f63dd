package io.kafleet.devstack;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The in-memory API server's objects: JSON documents hashed by collection (API group and plural)
 * and by namespace/name, so that a get, a create or a replace costs the same with ten objects or
 * ten thousand; a list scans its collection only. Every write takes the next resource version and
 * is told to the watches of its collection; the latest writes are kept so that a watch can resume
 * from the resource version of its list, as informers do (older than that: 410 Gone, they list
 * again). Nothing else: no validation, field ownership, admission, finalizers or generation bumps.
 */
final class ObjectStore {

  /** Writes kept for watches that resume; an informer's list-then-watch gap is far shorter. */
  static final int DEFAULT_HISTORY = 20_000;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * One stored object.
   *
   * @param namespace null for cluster-scoped objects
   * @param json the document as served, with its metadata (resourceVersion, uid, ...)
   */
  record Stored(
      String collection,
      String namespace,
      String name,
      Map<String, String> labels,
      long resourceVersion,
      String json) {}

  /** A collection's objects at one resource version. */
  record Listing(long resourceVersion, List<Stored> items) {}

  /** A watch of a collection (namespace null: every namespace). */
  record Watch(String collection, String namespace, Selector selector, Consumer<String> sink) {
    boolean covers(Stored object) {
      return object != null
          && (namespace == null || namespace.equals(object.namespace()))
          && selector.matches(object);
    }
  }

  /** A write: before null for a create, after null for a removal. */
  private record Change(long resourceVersion, Stored before, Stored after) {
    String collection() {
      return (after != null ? after : before).collection();
    }
  }

  private final Map<String, Map<String, Stored>> collections = new ConcurrentHashMap<>();
  private final Set<Watch> watches = new CopyOnWriteArraySet<>();
  private final Deque<Change> history = new ArrayDeque<>();
  private final int historySize;
  private long resourceVersion;

  ObjectStore(int historySize) {
    this.historySize = historySize;
  }

  /** The stored object, or null. */
  Stored get(String collection, String namespace, String name) {
    return objects(collection).get(ResourcePath.key(namespace, name));
  }

  synchronized Listing list(String collection, String namespace, Selector selector) {
    List<Stored> items =
        objects(collection).values().stream()
            .filter(object -> namespace == null || namespace.equals(object.namespace()))
            .filter(selector::matches)
            .sorted(
                Comparator.comparing(Stored::namespace, Comparator.nullsFirst(String::compareTo))
                    .thenComparing(Stored::name))
            .toList();
    return new Listing(resourceVersion, items);
  }

  /**
   * Stores the object as given, with the metadata the server owns (resourceVersion, uid,
   * creationTimestamp, generation, namespace) filled in; writing what is already stored changes
   * nothing (no new resource version, no event), as on a real API server.
   */
  synchronized Stored put(String collection, String namespace, String name, ObjectNode object) {
    Stored before = get(collection, namespace, name);
    ObjectNode metadata = object.withObject("/metadata");
    metadata.put("name", name);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    metadata.remove("managedFields");
    if (before == null) {
      metadata.put("uid", UUID.randomUUID().toString());
      metadata.put("creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      metadata.put("generation", 1);
    } else {
      ObjectNode kept = read(before.json()).withObject("/metadata");
      for (String field : List.of("uid", "creationTimestamp", "generation")) {
        metadata.set(field, kept.get(field));
      }
      metadata.put("resourceVersion", String.valueOf(before.resourceVersion()));
      if (write(object).equals(before.json())) {
        return before;
      }
    }
    long version = ++resourceVersion;
    metadata.put("resourceVersion", String.valueOf(version));
    Stored after =
        new Stored(collection, namespace, name, labels(metadata), version, write(object));
    objects(collection).put(ResourcePath.key(namespace, name), after);
    changed(new Change(version, before, after));
    return after;
  }

  /** Removes the object at once; returns it as it was last, or null when there was none. */
  synchronized Stored remove(String collection, String namespace, String name) {
    Stored before = objects(collection).remove(ResourcePath.key(namespace, name));
    if (before == null) {
      return null;
    }
    long version = ++resourceVersion;
    ObjectNode last = read(before.json());
    last.withObject("/metadata").put("resourceVersion", String.valueOf(version));
    Stored gone = new Stored(collection, namespace, name, before.labels(), version, write(last));
    changed(new Change(version, gone, null));
    return gone;
  }

  /**
   * Starts a watch. From a resource version: the writes after it first (or a 410 Gone event when
   * they are no longer kept); without one: every matching object as ADDED first.
   */
  synchronized Watch watch(
      String collection, String namespace, Selector selector, Long since, Consumer<String> sink) {
    Watch watch = new Watch(collection, namespace, selector, sink);
    if (since == null || since == 0) {
      list(collection, namespace, selector)
          .items()
          .forEach(item -> sink.accept(event("ADDED", item)));
    } else if (since < resourceVersion
        && (history.isEmpty() || history.peekFirst().resourceVersion() > since + 1)) {
      sink.accept(GONE);
      return watch;
    } else {
      for (Change change : history) {
        if (change.resourceVersion() > since && change.collection().equals(collection)) {
          tell(watch, change);
        }
      }
    }
    watches.add(watch);
    return watch;
  }

  void unwatch(Watch watch) {
    watches.remove(watch);
  }

  int watchCount() {
    return watches.size();
  }

  private void changed(Change change) {
    history.addLast(change);
    if (history.size() > historySize) {
      history.removeFirst();
    }
    for (Watch watch : watches) {
      if (watch.collection().equals(change.collection())) {
        tell(watch, change);
      }
    }
  }

  private static void tell(Watch watch, Change change) {
    boolean before = watch.covers(change.before());
    boolean after = watch.covers(change.after());
    if (before && after) {
      watch.sink().accept(event("MODIFIED", change.after()));
    } else if (after) {
      watch.sink().accept(event("ADDED", change.after()));
    } else if (before) {
      watch
          .sink()
          .accept(event("DELETED", change.after() != null ? change.after() : change.before()));
    }
  }

  private static final String GONE =
      "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
          + "\"status\":\"Failure\",\"message\":\"too old resource version\","
          + "\"reason\":\"Expired\",\"code\":410}}";

  private static String event(String type, Stored object) {
    return "{\"type\":\"" + type + "\",\"object\":" + object.json() + "}";
  }

  private Map<String, Stored> objects(String collection) {
    return collections.computeIfAbsent(collection, c -> new ConcurrentHashMap<>());
  }

  private static Map<String, String> labels(ObjectNode metadata) {
    Map<String, String> labels = new HashMap<>();
    if (metadata.get("labels") instanceof ObjectNode node) {
      node.properties().forEach(entry -> labels.put(entry.getKey(), entry.getValue().asString()));
    }
    return Map.copyOf(labels);
  }

  static ObjectNode read(String json) {
    try {
      if (JSON.readTree(json) instanceof ObjectNode object) {
        return object;
      }
      throw new IllegalArgumentException("the body is not a JSON object");
    } catch (JacksonException e) {
      throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  static String write(ObjectNode object) {
    try {
      return JSON.writeValueAsString(object);
    } catch (JacksonException e) {
      throw new IllegalStateException(e);
    }
  }
}
