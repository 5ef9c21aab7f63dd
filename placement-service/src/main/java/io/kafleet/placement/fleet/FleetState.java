package io.kafleet.placement.fleet;

import io.kafleet.placement.input.KubeVelaApplicationReader;
import io.kafleet.placement.input.Submission;
import io.kafleet.placement.overrides.OverridePolicy;
import io.kafleet.placement.scheduling.PlacementPolicy;
import io.kafleet.placement.works.DesiredWorks;
import io.kafleet.placement.works.DesiredWorks.Desired;
import io.kafleet.placement.works.DesiredWorks.Plan;
import io.kafleet.placement.works.RenderedWork;
import io.kafleet.placement.works.WorkChange;
import io.kafleet.placement.works.WorkId;
import io.kafleet.schemas.ObjectKey;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The control plane's view of the fleet: the stored templates, policies and override policies with
 * their generations, and the content hash of every work in the execution spaces. A cache of the
 * compacted topics, rebuilt from them at start-up; callers serialise access.
 */
public final class FleetState {

  public static final String PUBLISH_VERSION = "app.oam.dev/publishVersion";

  private record Stored(Submission submission, long generation) {}

  private final Map<ObjectKey, Stored> objects =
      new TreeMap<>(Comparator.comparing(ObjectKey::toString));
  private final Map<ObjectKey, Map<String, String>> worksByKey = new HashMap<>();
  private Map<ObjectKey, ObjectKey> templateOfWork = Map.of();

  /**
   * The reverse of {@link #templateOfWork}: a template's status is folded on every report, and
   * scanning every work for it made catching up with 100,000 reports quadratic.
   */
  private Map<ObjectKey, Set<ObjectKey>> worksOfTemplate = Map.of();

  /** Counts changes to the stored objects, so that what was computed from them can be reused. */
  private long version;

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
    version++;
  }

  public boolean remove(ObjectKey key) {
    version++;
    return objects.remove(key) != null;
  }

  /** Changes whenever a stored object does (put or removed). */
  long version() {
    return version;
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

  /**
   * Karmada override policies, and the changes Applications make to the objects they place, in key
   * order.
   */
  public List<OverridePolicy> overrides() {
    return objects.values().stream()
        .map(Stored::submission)
        .<OverridePolicy>flatMap(
            submission ->
                submission instanceof Submission.Overrides overrides
                    ? Stream.of(overrides.override())
                    : submission instanceof Submission.Policy policy
                        ? policy.overrides().stream()
                        : Stream.empty())
        .toList();
  }

  /**
   * KubeVela's {@code app.oam.dev/publishVersion}: while an Application's publish version is set
   * and stays the same, a changed Application is not rolled out. Returns that version when the
   * submission is such a change.
   */
  public Optional<String> heldByPublishVersion(Submission submission) {
    Stored known = objects.get(submission.key());
    if (known == null
        || !KubeVelaApplicationReader.isApplication(submission.document())
        || known.submission().document().equals(submission.document())) {
      return Optional.empty();
    }
    String before = publishVersion(known.submission().document());
    return before != null && before.equals(publishVersion(submission.document()))
        ? Optional.of(before)
        : Optional.empty();
  }

  /** A copy to try changes on. */
  public FleetState copy() {
    FleetState copy = new FleetState();
    copy.objects.putAll(objects);
    worksByKey.forEach((key, byCluster) -> copy.worksByKey.put(key, new HashMap<>(byCluster)));
    return copy;
  }

  private static String publishVersion(JsonNode document) {
    JsonNode version = document.path("metadata").path("annotations").get(PUBLISH_VERSION);
    return version == null || !version.isString() ? null : version.asString();
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

  /**
   * Remembers which template each desired work comes from: a work's key differs from its template's
   * when the template lands in another namespace.
   */
  public void recordPlans(Desired desired) {
    Map<ObjectKey, ObjectKey> templates = new HashMap<>();
    Map<ObjectKey, Set<ObjectKey>> works = new HashMap<>();
    for (Plan plan : desired.plans()) {
      ObjectKey template = plan.template().ref().key();
      for (RenderedWork work : plan.works()) {
        templates.put(work.key(), template);
        works.computeIfAbsent(template, t -> new HashSet<>()).add(work.key());
      }
    }
    templateOfWork = templates;
    worksOfTemplate = works;
  }

  /** The template a work comes from, as of the last reconcile; by default the same key. */
  public ObjectKey templateOf(ObjectKey workKey) {
    return templateOfWork.getOrDefault(workKey, workKey);
  }

  /** The keys a template's works have in the clusters, as of the last reconcile. */
  public Set<ObjectKey> workKeysOf(ObjectKey template) {
    Set<ObjectKey> keys = new TreeSet<>(Comparator.comparing(ObjectKey::toString));
    keys.addAll(worksOfTemplate.getOrDefault(template, Set.of()));
    if (keys.isEmpty()) {
      keys.add(template);
    }
    return keys;
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
