package io.kafleet.placement.fleet;

import io.kafleet.placement.input.Submission;
import io.kafleet.placement.scheduling.PlacementPolicy;
import io.kafleet.placement.works.DesiredWorks;
import io.kafleet.placement.works.WorkChange;
import io.kafleet.placement.works.WorkId;
import io.kafleet.schemas.ObjectKey;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The control plane's view of the fleet: the stored templates and policies with their generations,
 * and the content hash of every work in the execution spaces. A cache of the compacted topics,
 * rebuilt from them at start-up; callers serialise access.
 */
public final class FleetState {

  private record Stored(Submission submission, long generation) {}

  private final Map<ObjectKey, Stored> objects =
      new TreeMap<>(Comparator.comparing(ObjectKey::toString));
  private final Map<ObjectKey, Map<String, String>> worksByKey = new HashMap<>();

  /**
   * The generation the submission gets: unchanged content keeps its generation and is not stored
   * again.
   */
  public OptionalLong nextGeneration(Submission submission) {
    Stored known = objects.get(submission.key());
    if (known == null) {
      return OptionalLong.of(1);
    }
    return known.submission().document().equals(submission.document())
        ? OptionalLong.empty()
        : OptionalLong.of(known.generation() + 1);
  }

  public void put(Submission submission, long generation) {
    objects.put(submission.key(), new Stored(submission, generation));
  }

  public boolean remove(ObjectKey key) {
    return objects.remove(key) != null;
  }

  public Optional<Submission> find(ObjectKey key) {
    return Optional.ofNullable(objects.get(key)).map(Stored::submission);
  }

  /** Every stored object's key, in key order. */
  public List<ObjectKey> keys() {
    return List.copyOf(objects.keySet());
  }

  public long generationOf(ObjectKey key) {
    Stored stored = objects.get(key);
    return stored == null ? 0 : stored.generation();
  }

  public List<DesiredWorks.Template> templates() {
    return objects.values().stream()
        .map(Stored::submission)
        .filter(Submission.Template.class::isInstance)
        .map(Submission.Template.class::cast)
        .map(t -> new DesiredWorks.Template(t.ref(), t.document()))
        .toList();
  }

  public List<PlacementPolicy> policies() {
    return objects.values().stream()
        .map(Stored::submission)
        .filter(Submission.Policy.class::isInstance)
        .map(p -> ((Submission.Policy) p).policy())
        .toList();
  }

  /** The content hash of every work in the execution spaces. */
  public Map<WorkId, String> emitted() {
    Map<WorkId, String> works = new HashMap<>();
    worksByKey.forEach(
        (key, byCluster) ->
            byCluster.forEach((cluster, hash) -> works.put(new WorkId(cluster, key), hash)));
    return works;
  }

  /** The content hash of the object's work in each cluster that holds one, by cluster. */
  public Map<String, String> worksOf(ObjectKey key) {
    return Map.copyOf(worksByKey.getOrDefault(key, Map.of()));
  }

  public void recordEmitted(WorkId id, String contentHash) {
    if (contentHash == null) {
      Map<String, String> byCluster = worksByKey.get(id.key());
      if (byCluster != null) {
        byCluster.remove(id.cluster());
        if (byCluster.isEmpty()) {
          worksByKey.remove(id.key());
        }
      }
    } else {
      worksByKey.computeIfAbsent(id.key(), key -> new HashMap<>()).put(id.cluster(), contentHash);
    }
  }

  public void recordEmitted(List<WorkChange> changes) {
    for (WorkChange change : changes) {
      recordEmitted(
          change.id(), change instanceof WorkChange.Put put ? put.work().contentHash() : null);
    }
  }
}
