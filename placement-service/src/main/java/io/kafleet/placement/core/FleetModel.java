package io.kafleet.placement.core;

import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import io.kafleet.placement.input.KubeVelaApplicationReader;
import io.kafleet.placement.input.Submission;
import io.kafleet.placement.overrides.OverridePolicy;
import io.kafleet.placement.scheduling.ApplicationFailover;
import io.kafleet.placement.scheduling.EvictionTask;
import io.kafleet.placement.scheduling.Generations;
import io.kafleet.placement.scheduling.GracefulEviction;
import io.kafleet.placement.scheduling.MemberState;
import io.kafleet.placement.scheduling.Placement;
import io.kafleet.placement.scheduling.PlacementPolicy;
import io.kafleet.placement.scheduling.PreviousPlacement;
import io.kafleet.placement.scheduling.ReplicaScheduling;
import io.kafleet.placement.scheduling.ResourceSelector;
import io.kafleet.placement.scheduling.Scheduler;
import io.kafleet.placement.scheduling.TemplateRef;
import io.kafleet.placement.status.StatusFold;
import io.kafleet.placement.status.TemplateStatus;
import io.kafleet.placement.status.TemplateStatus.ClusterWorkStatus;
import io.kafleet.placement.works.DesiredWorks;
import io.kafleet.placement.works.DesiredWorks.DependencyFollow;
import io.kafleet.placement.works.DesiredWorks.Follow;
import io.kafleet.placement.works.DesiredWorks.Held;
import io.kafleet.placement.works.DesiredWorks.Plan;
import io.kafleet.placement.works.DesiredWorks.Template;
import io.kafleet.placement.works.RenderedWork;
import io.kafleet.placement.works.SecretSealing;
import io.kafleet.placement.works.WorkChange;
import io.kafleet.placement.works.WorkId;
import io.kafleet.schemas.ObjectKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The fleet as placement sees it, and the decisions on it: the stored templates and policies with
 * their generations, the member clusters, the works in the execution spaces, and what each template
 * renders to. Pure: no Kafka, Spring or HTTP; the caller serialises access (one writer).
 *
 * <p>Each decision renders only what its change can affect, found through indexes:
 *
 * <ul>
 *   <li>a template change renders that template, and the templates that follow it as dependencies
 *       when what it asks of them changed;
 *   <li>a policy (or override policy) change renders the templates it selects, before or after the
 *       change (templates by apiVersion and kind, then the selector);
 *   <li>a cluster's change re-renders the templates whose winning policy could include the cluster
 *       before or after the change (its affinity), and those placed fleet-wide by default.
 * </ul>
 *
 * Every other template keeps its rendering, so desired works stay the pure function {@link
 * DesiredWorks#compute} of (templates, policies, overrides, members) without computing it again.
 * Collisions (two templates landing on one object in one cluster) are settled per object from the
 * templates that claim it.
 *
 * <p>Each template's last scheduling decision is kept (and written to {@code kafleet.schedules}) as
 * the input of its next one, so a placement stays where it is until the template or its policy
 * changes or a cluster is lost ({@link Scheduler}); desired works are therefore the function {@link
 * DesiredWorks#compute} of the stored objects and members only for templates decided for the first
 * time. A cluster a template is evicted from keeps its works until the template is healthy where it
 * went, or the grace period passes ({@link GracefulEviction}); then they are tombstoned, even in a
 * cluster that is not ready, whose agent deletes them when it is back.
 *
 * <p>A decision changes the model at once and keeps an undo log: the caller writes the intents,
 * then {@link #confirm()}s, or {@link #rollback()}s when Kafka did not take them, so that the model
 * only ever holds what Kafka holds.
 */
public final class FleetModel {

  public static final String PUBLISH_VERSION = "app.oam.dev/publishVersion";

  private static final Comparator<ObjectKey> BY_TEXT = Comparator.comparing(ObjectKey::toString);
  private static final Comparator<WorkId> WORK_ORDER =
      Comparator.comparing(WorkId::cluster).thenComparing(id -> id.key().toString());

  private record Stored(Submission submission, long generation) {}

  /**
   * What the model keeps of one template between changes.
   *
   * @param gives what it asks of its dependencies
   * @param plan as rendered, before collisions
   * @param result after collisions and sealing: what the clusters get
   */
  private record Rendering(
      Template template, Placement own, List<DependencyFollow> gives, Plan plan, Plan result) {}

  private final TemplateRenderer renderer;
  private final SecretSealing sealing;
  private final Function<String, Map<String, WorkStatus>> reportsOn;
  private final Clock clock;
  private final Journal journal = new Journal();
  private final ScheduleBook schedules;

  // What is stored, and by what a selector finds it.
  private final Map<ObjectKey, Stored> stored = new TreeMap<>(BY_TEXT);
  private final Map<ObjectKey, Template> templates = new HashMap<>();
  private final Map<String, Set<ObjectKey>> templatesByType = new HashMap<>();
  private final Map<ObjectKey, PlacementPolicy> policies = new HashMap<>();
  private final Map<String, Set<ObjectKey>> policiesByType = new HashMap<>();
  private final Map<ObjectKey, List<OverridePolicy>> overridesBySource = new TreeMap<>(BY_TEXT);
  private final Map<String, Set<ObjectKey>> overrideSourcesByType = new HashMap<>();
  private final Set<ObjectKey> overrideSourcesOfAll = new HashSet<>();

  // The member clusters and their sealing keys.
  private final Map<String, MemberState> members = new TreeMap<>();
  private final Map<String, String> sealingKeys = new HashMap<>();

  // What each template renders to, and the indexes over it.
  private final Map<ObjectKey, Rendering> renderings = new HashMap<>();
  private final Map<ObjectKey, Set<ObjectKey>> followers = new HashMap<>();
  private final Map<ObjectKey, Set<ObjectKey>> wonBy = new HashMap<>();
  private final Set<ObjectKey> fleetWide = new HashSet<>();
  private final Map<WorkId, Set<ObjectKey>> claimants = new HashMap<>();
  private final Map<WorkId, RenderedWork> desired = new HashMap<>();
  private final Map<WorkId, Set<ObjectKey>> heldBy = new HashMap<>();
  private final Map<ObjectKey, Set<ObjectKey>> templatesOfWorkKey = new HashMap<>();
  private final Map<ObjectKey, Set<ObjectKey>> workKeysOfTemplate = new HashMap<>();

  // The works in the execution spaces (content hash by cluster), and the statuses published.
  private final Map<ObjectKey, Map<String, String>> emitted = new HashMap<>();
  private final Map<String, Set<ObjectKey>> emittedIn = new HashMap<>();
  private final Map<ObjectKey, TemplateStatus> published = new HashMap<>();

  /**
   * @param reportsOn the agents' latest reports on an object key, by cluster
   * @param clock against which tolerations and grace periods run out
   * @param evictionGracePeriod how long an evicted cluster keeps its works at most while the
   *     template is not yet healthy where it went
   */
  public FleetModel(
      TemplateRenderer renderer,
      SecretSealing sealing,
      Function<String, Map<String, WorkStatus>> reportsOn,
      Clock clock,
      Duration evictionGracePeriod) {
    this.renderer = renderer;
    this.sealing = sealing;
    this.reportsOn = reportsOn;
    this.clock = clock;
    this.schedules = new ScheduleBook(journal, evictionGracePeriod);
  }

  // ---------------------------------------------------------------- stored objects

  /**
   * The generation the submission gets: unchanged content keeps its generation and is not stored
   * again.
   */
  public OptionalLong nextGeneration(Submission submission) {
    Stored known = stored.get(submission.key());
    if (known == null) {
      return OptionalLong.of(1);
    }
    return known.submission().document().equals(submission.document())
        ? OptionalLong.empty()
        : OptionalLong.of(known.generation() + 1);
  }

  /**
   * KubeVela's {@code app.oam.dev/publishVersion}: while an Application's publish version is set
   * and stays the same, a changed Application is not rolled out. Returns that version when the
   * submission is such a change.
   */
  public Optional<String> heldByPublishVersion(Submission submission) {
    Stored known = stored.get(submission.key());
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

  public Optional<Submission> find(ObjectKey key) {
    return Optional.ofNullable(stored.get(key)).map(Stored::submission);
  }

  /** Every stored object's key, in key order. */
  public List<ObjectKey> keys() {
    return List.copyOf(stored.keySet());
  }

  public long generationOf(ObjectKey key) {
    Stored known = stored.get(key);
    return known == null ? 0 : known.generation();
  }

  /** Every stored placement policy (Karmada's, and those Applications make). */
  public List<PlacementPolicy> policies() {
    return stored.values().stream()
        .map(Stored::submission)
        .filter(Submission.Policy.class::isInstance)
        .map(p -> ((Submission.Policy) p).policy())
        .toList();
  }

  /** Karmada override policies and the changes Applications make, in key order. */
  public List<OverridePolicy> overrides() {
    return overridesBySource.values().stream().flatMap(List::stream).toList();
  }

  /** Every stored template, in key order. */
  public List<Template> templates() {
    return stored.keySet().stream().map(templates::get).filter(Objects::nonNull).toList();
  }

  public List<MemberState> members() {
    return List.copyOf(members.values());
  }

  // ---------------------------------------------------------------- works and plans

  /** The content hash of the object's work in each cluster that holds one, by cluster. */
  public Map<String, String> worksOf(ObjectKey workKey) {
    return Map.copyOf(emitted.getOrDefault(workKey, Map.of()));
  }

  /** The content hash of every work in the execution spaces. */
  public Map<WorkId, String> emitted() {
    Map<WorkId, String> works = new HashMap<>();
    emitted.forEach(
        (key, byCluster) ->
            byCluster.forEach((cluster, hash) -> works.put(new WorkId(cluster, key), hash)));
    return works;
  }

  /** Every work the fleet should hold now, in no particular order. */
  public Collection<RenderedWork> desiredWorks() {
    return List.copyOf(desired.values());
  }

  /** The template a work comes from; by default the same key. */
  public ObjectKey templateOf(ObjectKey workKey) {
    Set<ObjectKey> of = templatesOfWorkKey.get(workKey);
    return of == null || of.isEmpty() ? workKey : of.stream().max(BY_TEXT).orElseThrow();
  }

  /** The keys a template's works have in the clusters; the template's own when it has none. */
  public Set<ObjectKey> workKeysOf(ObjectKey template) {
    Set<ObjectKey> keys = new TreeSet<>(BY_TEXT);
    keys.addAll(workKeysOfTemplate.getOrDefault(template, Set.of()));
    if (keys.isEmpty()) {
      keys.add(template);
    }
    return keys;
  }

  /**
   * Where the template goes and why, and what overrides do to it per cluster, as of now; empty when
   * no such template is stored. Rendered afresh, so that it names every cluster known now.
   */
  public Optional<Plan> explain(ObjectKey key) {
    Template template = templates.get(key);
    if (template == null) {
      return Optional.empty();
    }
    Placement own = place(template);
    Plan plan =
        DesiredWorks.plan(
            template,
            own,
            followsOf(key),
            policies::get,
            candidateOverrides(template.ref()),
            members);
    return Optional.of(
        sealing.apply(
            DesiredWorks.withoutCollisions(plan, id -> ownerOf(id).orElse(key)), sealingKeys));
  }

  /**
   * The cluster's works as they are now, each asking its agent to keep the object when the work is
   * removed: sent before a leave that keeps the cluster's objects removes them.
   */
  public List<Intent> preservedCopies(String cluster) {
    List<Intent> intents = new ArrayList<>();
    for (ObjectKey key : sorted(emittedIn.getOrDefault(cluster, Set.of()))) {
      RenderedWork work = desired.get(new WorkId(cluster, key));
      if (work != null) {
        intents.add(new Intent.PutWork(work.preservedCopy(), generationOf(templateOf(work.key()))));
      }
    }
    return intents;
  }

  /** Records a work read from an execution space at start-up (null: a tombstone). */
  public void loadEmitted(WorkId id, String contentHash) {
    recordEmitted(id, contentHash);
    journal.confirm();
  }

  /** Records an object read from the stored topics at start-up (null: a tombstone). */
  public void loadStored(ObjectKey key, Submission submission, long generation) {
    unstore(key);
    if (submission != null) {
      store(submission, generation);
    }
    journal.confirm();
  }

  /**
   * Records a template's last scheduling decision read at start-up (null: a tombstone), with the
   * graceful evictions it was running.
   */
  public void loadSchedule(ObjectKey template, PreviousPlacement last, List<EvictionTask> running) {
    schedules.load(template, last, running);
    journal.confirm();
  }

  /** The graceful evictions the template's works are in, oldest first. */
  public List<EvictionTask> evictionsOf(ObjectKey template) {
    return schedules.evictionsOf(template);
  }

  /** Records the members known at start-up, before the first decision renders everything. */
  public void loadMembers(Map<String, MemberState> now, Map<String, String> keys) {
    members.clear();
    members.putAll(now);
    sealingKeys.clear();
    sealingKeys.putAll(keys);
  }

  // ---------------------------------------------------------------- decisions

  /**
   * Stores the changed templates and policies, forgets the removed ones, and renders what they
   * affect.
   *
   * @param first the intents that carry the change itself (stored objects), written first
   */
  public Decision store(
      Map<Submission, Long> puts, Collection<ObjectKey> removes, List<Intent> first) {
    Set<ObjectKey> affected = new HashSet<>();
    for (ObjectKey key : removes) {
      affected.addAll(affectedBy(key));
    }
    for (Submission submission : puts.keySet()) {
      affected.addAll(affectedBy(submission.key()));
    }
    removes.forEach(this::unstore);
    puts.forEach(this::store);
    for (Submission submission : puts.keySet()) {
      affected.addAll(affectedBy(submission.key()));
    }
    for (ObjectKey key : removes) {
      journal.remove(published, key);
    }
    return decide(affected, false, Set.of(), first);
  }

  /**
   * The clusters changed (one joined, was accepted or left, went NotReady, changed labels or
   * taints, or its sealing key): re-renders the placements that could include a changed cluster.
   *
   * @param first the intents that carry the change (admissions, transitions), written first
   */
  public Decision membersChanged(
      Map<String, MemberState> now, Map<String, String> keys, List<Intent> first) {
    Set<String> changed = new TreeSet<>();
    Set<String> names = new TreeSet<>(members.keySet());
    names.addAll(now.keySet());
    names.addAll(sealingKeys.keySet());
    names.addAll(keys.keySet());
    for (String name : names) {
      if (!Objects.equals(members.get(name), now.get(name))
          || !Objects.equals(sealingKeys.get(name), keys.get(name))) {
        changed.add(name);
      }
    }
    Set<ObjectKey> affected = new HashSet<>();
    Set<WorkId> sweep = new HashSet<>();
    for (String name : changed) {
      MemberState before = members.get(name);
      MemberState after = now.get(name);
      // A heartbeat's new capacity matters only to replicas divided by what clusters can hold.
      boolean capacityOnly =
          before != null
              && after != null
              && withoutCapacity(before).equals(withoutCapacity(after))
              && Objects.equals(sealingKeys.get(name), keys.get(name));
      if (!capacityOnly) {
        affected.addAll(fleetWide);
      }
      for (Map.Entry<ObjectKey, Set<ObjectKey>> won : wonBy.entrySet()) {
        PlacementPolicy policy = policies.get(won.getKey());
        if (policy != null
            && (!capacityOnly || dividesByCapacity(policy))
            && ((before != null && policy.placement().couldInclude(before))
                || (after != null && policy.placement().couldInclude(after)))) {
          affected.addAll(won.getValue());
        }
      }
      if (following(after) && !following(before)) {
        // Works held while it was not ready (or unknown) may have to go now.
        emittedIn.getOrDefault(name, Set.of()).forEach(key -> sweep.add(new WorkId(name, key)));
      }
      if (after == null) {
        journal.remove(members, name);
      } else {
        journal.put(members, name, after);
      }
      if (keys.containsKey(name)) {
        journal.put(sealingKeys, name, keys.get(name));
      } else {
        journal.remove(sealingKeys, name);
      }
    }
    if (changed.isEmpty()) {
      return decide(Set.of(), false, Set.of(), first);
    }
    return decide(affected, true, sweep, first);
  }

  /**
   * Renders every template and brings every execution space to it: what a new leader does once,
   * after loading the topics.
   */
  public Decision reconcileAll(List<Intent> first) {
    Set<WorkId> everything = new HashSet<>();
    emitted.forEach(
        (key, byCluster) -> byCluster.keySet().forEach(c -> everything.add(new WorkId(c, key))));
    return decide(new HashSet<>(templates.keySet()), false, everything, first);
  }

  /**
   * Renders every template as {@link #reconcileAll} does, but removes no work that no template
   * wants: for a fleet loaded without a stored record that could not be read, which may be the very
   * template, policy or cluster decision that wants them. Deleting objects from the members on that
   * guess would be worse than keeping them until the record is replaced.
   */
  public Decision reconcileKeepingUnclaimed(List<Intent> first) {
    return decide(new HashSet<>(templates.keySet()), false, Set.of(), first);
  }

  /**
   * Publishes the statuses of these templates that are not the ones last published (the agents
   * reported on their works).
   */
  public Decision statusesOf(Collection<ObjectKey> templateKeys) {
    // Graceful evictions wait on these reports, and application failover counts from them.
    Set<ObjectKey> redecide = new HashSet<>();
    for (ObjectKey key : templateKeys) {
      boolean unhealthyChanged =
          schedules.observeUnhealthy(
              key, applicationFailoverOf(key), () -> evictionHealth(key), clock.instant());
      if (unhealthyChanged || schedules.evicting(key)) {
        redecide.add(key);
      }
    }
    if (redecide.isEmpty()) {
      return new Decision(statusIntents(sorted(templateKeys)), List.of(), List.of());
    }
    Decision decided = decide(redecide, false, Set.of(), List.of());
    List<Intent> intents = new ArrayList<>(decided.intents());
    intents.addAll(statusIntents(sorted(templateKeys)));
    return new Decision(intents, decided.workChanges(), decided.newlyHeld());
  }

  /**
   * Decides again the templates whose decision is due for review: a toleration on one of their
   * clusters ran out, or a graceful eviction's grace period passed.
   */
  public Decision reviewDue() {
    Set<ObjectKey> due = schedules.due(clock.instant());
    return due.isEmpty()
        ? new Decision(List.of(), List.of(), List.of())
        : decide(due, false, Set.of(), List.of());
  }

  /** The decision's intents were written: keep what it changed. */
  public void confirm() {
    journal.confirm();
  }

  /** The decision's intents were not written: take back all it changed. */
  public void rollback() {
    journal.rollback();
  }

  /** The template's status across its clusters; empty when no such template is stored. */
  public Optional<TemplateStatus> status(ObjectKey key) {
    if (!templates.containsKey(key)) {
      return Optional.empty();
    }
    Map<String, String> works = new HashMap<>();
    Map<String, WorkStatus> reported = new HashMap<>();
    for (ObjectKey workKey : workKeysOf(key)) {
      Map<String, String> byCluster = emitted.getOrDefault(workKey, Map.of());
      works.putAll(byCluster);
      reportsOn.apply(workKey.toString()).entrySet().stream()
          .filter(report -> byCluster.containsKey(report.getKey()))
          .forEach(report -> reported.put(report.getKey(), report.getValue()));
    }
    return Optional.of(StatusFold.fold(key.toString(), generationOf(key), works, reported));
  }

  // ---------------------------------------------------------------- deciding

  private Decision decide(
      Set<ObjectKey> affected, boolean cascade, Set<WorkId> sweep, List<Intent> first) {
    TreeSet<ObjectKey> toRender = new TreeSet<>(BY_TEXT);
    toRender.addAll(affected);
    Instant now = clock.instant();
    Map<ObjectKey, List<EvictionTask>> failedOver = new HashMap<>();
    for (ObjectKey key : toRender) {
      List<EvictionTask> started =
          schedules.startApplicationFailover(key, applicationFailoverOf(key), now);
      if (!started.isEmpty()) {
        failedOver.put(key, started);
      }
    }
    // Placements first: a dependency's rendering needs its workloads' placements.
    Map<ObjectKey, Placement> placements = new HashMap<>();
    Map<ObjectKey, List<DependencyFollow>> gives = new HashMap<>();
    Set<ObjectKey> dependencies = new HashSet<>();
    for (ObjectKey key : List.copyOf(toRender)) {
      Template template = templates.get(key);
      Rendering before = renderings.get(key);
      List<DependencyFollow> given = List.of();
      if (template != null) {
        Placement own = place(template);
        placements.put(key, own);
        given = DesiredWorks.followsOf(template, own, own.policy().map(policies::get));
        gives.put(key, given);
      }
      List<DependencyFollow> gave = before == null ? List.of() : before.gives();
      if (cascade || !gave.equals(given)) {
        Stream.concat(gave.stream(), given.stream())
            .map(DependencyFollow::dependency)
            .forEach(dependencies::add);
      }
      if (!gave.equals(given)) {
        gave.forEach(f -> journal.removeFrom(followers, f.dependency(), key));
        given.forEach(f -> journal.add(followers, f.dependency(), key));
      }
    }
    for (ObjectKey dependency : dependencies) {
      Template template = templates.get(dependency);
      if (template != null && toRender.add(dependency)) {
        Placement own = place(template);
        placements.put(dependency, own);
        gives.put(
            dependency, DesiredWorks.followsOf(template, own, own.policy().map(policies::get)));
      }
    }

    // Render each, and note which objects' claims changed.
    Set<ObjectKey> settle = new TreeSet<>(BY_TEXT);
    Map<ObjectKey, Plan> removedResults = new HashMap<>();
    for (ObjectKey key : toRender) {
      Rendering before = renderings.get(key);
      if (before != null && before.result() != null) {
        removedResults.put(key, before.result());
      }
      Template template = templates.get(key);
      Plan plan = null;
      if (template != null) {
        Placement own = placements.get(key);
        plan =
            renderer.plan(
                template,
                own,
                followsOf(key),
                policies::get,
                candidateOverrides(template.ref()),
                members);
      }
      Set<WorkId> claimedBefore = before == null ? Set.of() : idsOf(before.plan().works());
      Set<WorkId> claimedNow = plan == null ? Set.of() : idsOf(plan.works());
      for (WorkId id : claimedBefore) {
        if (!claimedNow.contains(id)) {
          journal.removeFrom(claimants, id, key);
          settle.addAll(claimants.getOrDefault(id, Set.of()));
        }
      }
      for (WorkId id : claimedNow) {
        if (!claimedBefore.contains(id)) {
          settle.addAll(claimants.getOrDefault(id, Set.of()));
          journal.add(claimants, id, key);
        }
      }
      if (before != null) {
        before.own().policy().ifPresent(policy -> journal.removeFrom(wonBy, policy, key));
        journal.remove(fleetWide, key);
      }
      if (template == null) {
        journal.remove(renderings, key);
      } else {
        Placement own = placements.get(key);
        own.policy().ifPresent(policy -> journal.add(wonBy, policy, key));
        if (own.policy().isEmpty() && Scheduler.fleetWideByDefault(key)) {
          journal.add(fleetWide, key);
        }
        journal.put(
            renderings,
            key,
            new Rendering(
                template, own, gives.get(key), plan, before == null ? null : before.result()));
      }
      settle.add(key);
    }

    // Keep each decision as the next one's input, and move its graceful evictions on.
    List<Intent> scheduling = new ArrayList<>();
    Set<WorkId> released = new HashSet<>();
    for (ObjectKey key : toRender) {
      Set<String> releasedFrom =
          schedules.schedule(
              key,
              placements.get(key),
              failedOver.getOrDefault(key, List.of()),
              applicationFailoverOf(key),
              () -> evictionHealth(key),
              now,
              scheduling);
      for (String cluster : releasedFrom) {
        workKeysOf(key).forEach(workKey -> released.add(new WorkId(cluster, workKey)));
      }
    }

    // Settle collisions and seal; collect every work id whose desired state may have changed.
    Set<WorkId> touched = new HashSet<>(sweep);
    touched.addAll(released);
    List<Held> newlyHeld = new ArrayList<>();
    Set<ObjectKey> gone = new HashSet<>();
    for (ObjectKey key : settle) {
      Rendering rendering = renderings.get(key);
      Plan before = rendering == null ? removedResults.get(key) : rendering.result();
      Plan result =
          rendering == null
              ? null
              : sealing.apply(
                  DesiredWorks.withoutCollisions(rendering.plan(), id -> ownerOf(id).orElse(key)),
                  sealingKeys);
      if (rendering == null) {
        gone.add(key);
      }
      replaceResult(key, before, result, touched);
      if (result != null) {
        journal.put(
            renderings,
            key,
            new Rendering(
                rendering.template(),
                rendering.own(),
                rendering.gives(),
                rendering.plan(),
                result));
        Set<Held> heldBefore = before == null ? Set.of() : Set.copyOf(before.held());
        result.held().stream().filter(h -> !heldBefore.contains(h)).forEach(newlyHeld::add);
      }
    }

    // Bring the execution spaces to it.
    List<WorkChange> changes = new ArrayList<>();
    for (WorkId id : touched) {
      RenderedWork work = desired.get(id);
      String hash = emitted.getOrDefault(id.key(), Map.of()).get(id.cluster());
      if (work != null) {
        if (!work.contentHash().equals(hash)) {
          changes.add(new WorkChange.Put(work));
        }
      } else if (hash != null && !heldBy.containsKey(id) && mayRemove(id, released)) {
        changes.add(new WorkChange.Remove(id));
      }
    }
    changes.sort(Comparator.comparing(WorkChange::id, WORK_ORDER));
    List<Intent> intents = new ArrayList<>(first);
    Set<ObjectKey> statusOf = new TreeSet<>(BY_TEXT);
    for (WorkChange change : changes) {
      if (change instanceof WorkChange.Put put) {
        ObjectKey template = templateOf(put.work().key());
        intents.add(new Intent.PutWork(put.work(), generationOf(template)));
        recordEmitted(change.id(), put.work().contentHash());
      } else {
        intents.add(new Intent.RemoveWork(change.id()));
        recordEmitted(change.id(), null);
      }
      statusOf.add(templateOf(change.id().key()));
    }
    intents.addAll(scheduling);
    intents.addAll(statusIntents(statusOf));
    return new Decision(intents, changes, newlyHeld);
  }

  /**
   * Replaces the template's result in the desired-works indexes, adding every work id either names
   * to {@code touched}.
   */
  private void replaceResult(ObjectKey key, Plan before, Plan result, Set<WorkId> touched) {
    if (before != null) {
      for (RenderedWork work : before.works()) {
        WorkId id = new WorkId(work.cluster(), work.key());
        touched.add(id);
        if (desired.get(id) == work) {
          journal.remove(desired, id);
        }
        journal.removeFrom(templatesOfWorkKey, work.key(), key);
        journal.removeFrom(workKeysOfTemplate, key, work.key());
      }
      for (Held held : before.held()) {
        touched.add(held.id());
        journal.removeFrom(heldBy, held.id(), key);
      }
    }
    if (result != null) {
      for (RenderedWork work : result.works()) {
        WorkId id = new WorkId(work.cluster(), work.key());
        touched.add(id);
        journal.put(desired, id, work);
        journal.add(templatesOfWorkKey, work.key(), key);
        journal.add(workKeysOfTemplate, key, work.key());
      }
      for (Held held : result.held()) {
        touched.add(held.id());
        journal.add(heldBy, held.id(), key);
      }
    }
  }

  private List<Intent> statusIntents(Set<ObjectKey> keys) {
    List<Intent> intents = new ArrayList<>();
    for (ObjectKey key : keys) {
      Optional<TemplateStatus> now = status(key);
      if (now.isPresent() && !now.get().equals(published.get(key))) {
        intents.add(new Intent.Publish(key.toString(), now.get().toEvent()));
        journal.put(published, key, now.get());
      }
    }
    return intents;
  }

  /** The application failover of the policy that last placed the template, if it asks for one. */
  private Optional<ApplicationFailover> applicationFailoverOf(ObjectKey key) {
    return schedules
        .lastPolicy(key)
        .map(policies::get)
        .flatMap(PlacementPolicy::applicationFailover);
  }

  /** How each cluster the template is in reports it, for its graceful evictions. */
  private Map<String, GracefulEviction.Health> evictionHealth(ObjectKey key) {
    Map<String, GracefulEviction.Health> health = new HashMap<>();
    status(key)
        .ifPresent(
            status -> status.clusters().forEach(c -> health.put(c.cluster(), evictionHealth(c))));
    return health;
  }

  /** Healthy only when the cluster applied the current work and reports it healthy. */
  private static GracefulEviction.Health evictionHealth(ClusterWorkStatus cluster) {
    if (cluster.health() == io.kafleet.events.Health.Unhealthy) {
      return GracefulEviction.Health.Unhealthy;
    }
    boolean healthy =
        cluster.current()
            && cluster.phase() == WorkPhase.Applied
            && cluster.health() == io.kafleet.events.Health.Healthy;
    return healthy ? GracefulEviction.Health.Healthy : GracefulEviction.Health.Unknown;
  }

  /**
   * Whether a work no longer desired may be removed: not while a graceful eviction holds it; yes in
   * a cluster that is ready or not accepted; in an accepted cluster that is not ready only when its
   * template is gone or its eviction was released, so that a missed heartbeat never empties a
   * cluster; never in a cluster the fleet has not heard of.
   *
   * @param released the works whose graceful eviction this decision released
   */
  private boolean mayRemove(WorkId id, Set<WorkId> released) {
    MemberState member = members.get(id.cluster());
    if (member == null) {
      return false;
    }
    ObjectKey template = templateOf(id.key());
    if (schedules.holds(template, id.cluster())) {
      return false;
    }
    return following(member) || released.contains(id) || !stored.containsKey(template);
  }

  private static MemberState withoutCapacity(MemberState member) {
    return new MemberState(
        member.name(),
        member.labels(),
        member.accepted(),
        member.ready(),
        member.provider(),
        member.region(),
        member.zone(),
        member.taints(),
        Optional.empty());
  }

  private static boolean dividesByCapacity(PlacementPolicy policy) {
    ReplicaScheduling division = policy.placement().replicaScheduling();
    return division instanceof ReplicaScheduling.AvailableReplicas
        || division instanceof ReplicaScheduling.Aggregated;
  }

  private static boolean following(MemberState member) {
    return member != null && (member.ready() || !member.accepted());
  }

  private Optional<ObjectKey> ownerOf(WorkId id) {
    Set<ObjectKey> claiming = claimants.get(id);
    return claiming == null || claiming.isEmpty()
        ? Optional.empty()
        : Optional.of(DesiredWorks.owner(id, claiming));
  }

  /** The template's decision, keeping to its last one as the scheduler says. */
  private Placement place(Template template) {
    ObjectKey key = template.ref().key();
    List<PlacementPolicy> candidates = candidatePolicies(template.ref());
    Map<ObjectKey, Long> policyGenerations = new HashMap<>();
    candidates.forEach(policy -> policyGenerations.put(policy.id(), generationOf(policy.id())));
    return Scheduler.place(
        template.ref(),
        candidates,
        members.values(),
        schedules.contextFor(
            key, new Generations(generationOf(key), policyGenerations), clock.instant()));
  }

  /** The workloads the template follows as their dependency, first by workload key. */
  private List<Follow> followsOf(ObjectKey key) {
    Set<ObjectKey> workloads = followers.get(key);
    if (workloads == null) {
      return List.of();
    }
    List<Follow> follows = new ArrayList<>();
    for (ObjectKey workload : workloads.stream().sorted(BY_TEXT).toList()) {
      Rendering rendering = renderings.get(workload);
      if (rendering == null) {
        continue;
      }
      rendering.gives().stream()
          .filter(f -> f.dependency().equals(key))
          .findFirst()
          .ifPresent(f -> follows.add(f.follow()));
    }
    return follows;
  }

  private void recordEmitted(WorkId id, String contentHash) {
    if (contentHash == null) {
      Map<String, String> byCluster = emitted.get(id.key());
      if (byCluster != null && byCluster.containsKey(id.cluster())) {
        journal.remove(byCluster, id.cluster());
        if (byCluster.isEmpty()) {
          journal.remove(emitted, id.key());
        }
      }
      journal.removeFrom(emittedIn, id.cluster(), id.key());
    } else {
      Map<String, String> byCluster = emitted.get(id.key());
      if (byCluster == null) {
        byCluster = new HashMap<>();
        journal.put(emitted, id.key(), byCluster);
      }
      journal.put(byCluster, id.cluster(), contentHash);
      journal.add(emittedIn, id.cluster(), id.key());
    }
  }

  // ---------------------------------------------------------------- the stored objects' indexes

  private void store(Submission submission, long generation) {
    ObjectKey key = submission.key();
    journal.put(stored, key, new Stored(submission, generation));
    if (submission instanceof Submission.Template template) {
      journal.put(templates, key, new Template(template.ref(), template.document()));
      journal.add(templatesByType, type(template.ref()), key);
    } else if (submission instanceof Submission.Policy policy) {
      journal.put(policies, key, policy.policy());
      for (ResourceSelector selector : policy.policy().resourceSelectors()) {
        journal.add(policiesByType, type(selector), key);
      }
      indexOverrides(key, policy.overrides());
    } else if (submission instanceof Submission.Overrides overrides) {
      indexOverrides(key, List.of(overrides.override()));
    }
  }

  private void indexOverrides(ObjectKey source, List<OverridePolicy> overrides) {
    if (overrides.isEmpty()) {
      return;
    }
    journal.put(overridesBySource, source, overrides);
    for (OverridePolicy override : overrides) {
      if (override.resourceSelectors().isEmpty()) {
        journal.add(overrideSourcesOfAll, source);
      }
      for (ResourceSelector selector : override.resourceSelectors()) {
        journal.add(overrideSourcesByType, type(selector), source);
      }
    }
  }

  private void unstore(ObjectKey key) {
    Stored known = stored.get(key);
    if (known == null) {
      return;
    }
    journal.remove(stored, key);
    Submission submission = known.submission();
    if (submission instanceof Submission.Template template) {
      journal.remove(templates, key);
      journal.removeFrom(templatesByType, type(template.ref()), key);
    } else if (submission instanceof Submission.Policy policy) {
      journal.remove(policies, key);
      for (ResourceSelector selector : policy.policy().resourceSelectors()) {
        journal.removeFrom(policiesByType, type(selector), key);
      }
      unindexOverrides(key, policy.overrides());
    } else if (submission instanceof Submission.Overrides overrides) {
      unindexOverrides(key, List.of(overrides.override()));
    }
  }

  private void unindexOverrides(ObjectKey source, List<OverridePolicy> overrides) {
    journal.remove(overridesBySource, source);
    journal.remove(overrideSourcesOfAll, source);
    for (OverridePolicy override : overrides) {
      for (ResourceSelector selector : override.resourceSelectors()) {
        journal.removeFrom(overrideSourcesByType, type(selector), source);
      }
    }
  }

  /** The templates a change of the stored object affects, as the object is stored now. */
  private Set<ObjectKey> affectedBy(ObjectKey key) {
    Stored known = stored.get(key);
    if (known == null) {
      return Set.of(key);
    }
    Submission submission = known.submission();
    if (submission instanceof Submission.Canary) {
      return Set.of();
    }
    if (submission instanceof Submission.Policy policy) {
      Set<ObjectKey> selected = new HashSet<>(selectedBy(policy.policy()));
      policy.overrides().forEach(override -> selected.addAll(selectedBy(override)));
      return selected;
    }
    if (submission instanceof Submission.Overrides overrides) {
      return selectedBy(overrides.override());
    }
    return Set.of(key);
  }

  /** The templates the policy selects, whether or not it wins them. */
  private Set<ObjectKey> selectedBy(PlacementPolicy policy) {
    Set<ObjectKey> selected = new HashSet<>();
    for (ResourceSelector selector : policy.resourceSelectors()) {
      for (ObjectKey key : templatesByType.getOrDefault(type(selector), Set.of())) {
        if (Scheduler.selects(policy, templates.get(key).ref())) {
          selected.add(key);
        }
      }
    }
    return selected;
  }

  /** The templates the override policy may change. */
  private Set<ObjectKey> selectedBy(OverridePolicy override) {
    Stream<ObjectKey> candidates =
        override.resourceSelectors().isEmpty()
            ? templates.keySet().stream()
            : override.resourceSelectors().stream()
                .flatMap(s -> templatesByType.getOrDefault(type(s), Set.of()).stream());
    Set<ObjectKey> selected = new HashSet<>();
    candidates.filter(key -> override.selects(templates.get(key).ref())).forEach(selected::add);
    return selected;
  }

  /** The policies that may select the template: those with a selector of its type. */
  private List<PlacementPolicy> candidatePolicies(TemplateRef template) {
    return policiesByType.getOrDefault(type(template), Set.of()).stream()
        .map(policies::get)
        .toList();
  }

  /** The override policies that may change the template, in source key order. */
  private List<OverridePolicy> candidateOverrides(TemplateRef template) {
    Set<ObjectKey> sources = new TreeSet<>(BY_TEXT);
    sources.addAll(overrideSourcesByType.getOrDefault(type(template), Set.of()));
    sources.addAll(overrideSourcesOfAll);
    List<OverridePolicy> candidates = new ArrayList<>();
    for (ObjectKey source : sources) {
      candidates.addAll(overridesBySource.get(source));
    }
    return candidates;
  }

  private static String type(TemplateRef template) {
    return template.apiVersion() + " " + template.key().kind();
  }

  private static String type(ResourceSelector selector) {
    return selector.apiVersion() + " " + selector.kind();
  }

  private static Set<ObjectKey> sorted(Collection<ObjectKey> keys) {
    Set<ObjectKey> sorted = new TreeSet<>(BY_TEXT);
    sorted.addAll(keys);
    return sorted;
  }

  private static Set<WorkId> idsOf(List<RenderedWork> works) {
    Set<WorkId> ids = new LinkedHashSet<>();
    works.forEach(work -> ids.add(new WorkId(work.cluster(), work.key())));
    return ids;
  }

  private static String publishVersion(JsonNode document) {
    JsonNode version = document.path("metadata").path("annotations").get(PUBLISH_VERSION);
    return version == null || !version.isString() ? null : version.asString();
  }
}
