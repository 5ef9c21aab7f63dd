package io.kafleet.placement.fleet;

import io.kafleet.events.ClusterStateChanged;
import io.kafleet.events.ObjectRef;
import io.kafleet.events.StoredObject;
import io.kafleet.events.TrafficShiftRequested;
import io.kafleet.events.WorkStatus;
import io.kafleet.placement.clusters.Admission;
import io.kafleet.placement.clusters.ClusterRegistry;
import io.kafleet.placement.input.InvalidInputException;
import io.kafleet.placement.input.Submission;
import io.kafleet.placement.input.Submissions;
import io.kafleet.placement.status.StatusFold;
import io.kafleet.placement.status.TemplateStatus;
import io.kafleet.placement.status.WorkStatusBoard;
import io.kafleet.placement.traffic.RouteWeightsRendering;
import io.kafleet.placement.works.DesiredWorks.Held;
import io.kafleet.placement.works.DesiredWorks.Plan;
import io.kafleet.placement.works.WorkChange;
import io.kafleet.schemas.ObjectKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The control plane's single writer: applies submissions and reconciles the execution spaces, one
 * decision at a time. Every decision is stored before it is acted on, so a restart rebuilds the
 * same state from Kafka.
 */
public final class Fleet {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final FleetState state;
  private final FleetStore store;
  private final Reconciler reconciler;
  private final ClusterRegistry clusters;
  private final PlacementEvents events;
  private final WorkStatusBoard reports;
  private final Map<ObjectKey, TemplateStatus> published = new HashMap<>();
  private final KafkaSettings settings;
  private final TemplateSealing templateSealing;
  private final Clock clock;

  public Fleet(
      FleetState state,
      FleetStore store,
      Reconciler reconciler,
      ClusterRegistry clusters,
      WorkStatusBoard reports,
      KafkaSettings settings,
      TemplateSealing templateSealing,
      Clock clock) {
    this.state = state;
    this.templateSealing = templateSealing;
    this.store = store;
    this.reconciler = reconciler;
    this.clusters = clusters;
    this.reports = reports;
    this.events = new PlacementEvents(settings.topics(), clock);
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Stores every object of the input whose content changed, then reconciles. Input that cannot be
   * understood throws {@link io.kafleet.placement.input.InvalidInputException} before anything is
   * stored.
   */
  public synchronized List<ApplyResult> apply(String source, String text, String appliedBy) {
    List<ApplyResult> results = new ArrayList<>();
    Map<Submission, Long> changed = new LinkedHashMap<>();
    List<Submission> submissions = Submissions.read(source, text, settings.maxObjectBytes());
    for (Submission submission : submissions) {
      String key = submission.key().toString();
      Optional<String> publishVersion = state.heldByPublishVersion(submission);
      if (publishVersion.isPresent()) {
        results.add(
            new ApplyResult(
                key,
                state.generationOf(submission.key()),
                "unchanged",
                FleetState.PUBLISH_VERSION
                    + " is still "
                    + publishVersion.get()
                    + ": the changed Application is not rolled out until it changes"));
        continue;
      }
      OptionalLong next = state.nextGeneration(submission);
      long generation = next.orElse(state.generationOf(submission.key()));
      String result = next.isEmpty() ? "unchanged" : generation == 1 ? "created" : "configured";
      results.add(new ApplyResult(key, generation, result));
      next.ifPresent(g -> changed.put(submission, g));
    }
    refuseNewHeldWorks(source, submissions, changed);
    List<ProducerRecord<String, Object>> records = new ArrayList<>();
    for (Map.Entry<Submission, Long> entry : changed.entrySet()) {
      try {
        records.add(
            new ProducerRecord<>(
                topicOf(entry.getKey()),
                entry.getKey().key().toString(),
                stored(entry.getKey(), entry.getValue(), appliedBy)));
      } catch (InvalidInputException e) {
        throw e.inDocument(document(source, submissions.indexOf(entry.getKey())));
      }
    }
    store.writeAtomically(records);
    // Only what Kafka holds becomes state: a failed write above leaves the state as it was.
    changed.forEach(state::put);
    publishStatusOf(keysOf(reconciler.reconcile(List.of())));
    return results;
  }

  /**
   * Renders a weight shift traffic-service published: into the VirtualService itself when it is for
   * every cluster the route is placed in (its generation advances), or into the VirtualService's
   * per-cluster weights OverridePolicy when it names clusters.
   */
  public synchronized List<ApplyResult> shift(TrafficShiftRequested shift) {
    ObjectRef ref = shift.getVirtualService();
    ObjectKey key = new ObjectKey(ref.getGroup(), ref.getKind(), ref.getNamespace(), ref.getName());
    JsonNode template =
        state
            .find(key)
            .filter(Submission.Template.class::isInstance)
            .map(Submission::document)
            .orElseThrow(
                () ->
                    new InvalidInputException("virtualService", key + " is not a fleet template"));
    String source = "shift " + shift.getShiftId();
    String by = shift.getRequestedBy() + " (shift " + shift.getShiftId() + ")";
    ObjectKey perCluster = RouteWeightsRendering.clusterWeightsPolicy(key);
    if (!shift.getClusters().isEmpty()) {
      JsonNode policy =
          RouteWeightsRendering.clusterWeights(
              key,
              template,
              state.find(perCluster).map(Submission::document).orElse(null),
              shift.getClusters(),
              shift.getWeights());
      return apply(source, JSON.writeValueAsString(policy), by);
    }
    List<ApplyResult> results =
        apply(
            source,
            JSON.writeValueAsString(
                RouteWeightsRendering.withWeights(template, shift.getWeights())),
            by);
    if (state.find(perCluster).isPresent()) {
      delete(perCluster);
    }
    return results;
  }

  /**
   * Where the template goes and why, and what overrides do to it per cluster; empty when no such
   * template is stored.
   */
  public synchronized Optional<Plan> explain(ObjectKey key) {
    return reconciler.desired(state).plan(key);
  }

  /**
   * Refuses an apply after which some cluster's copy of a template could not be rendered (an
   * override that does not fit it), when it could be until now: the apply is what breaks it.
   */
  private void refuseNewHeldWorks(
      String input, List<Submission> submissions, Map<Submission, Long> changed) {
    if (changed.isEmpty()) {
      return;
    }
    FleetState proposed = state.copy();
    changed.forEach(proposed::put);
    Set<Held> before = Set.copyOf(reconciler.desired(state).held());
    for (Held held : reconciler.desired(proposed).held()) {
      if (before.contains(held)) {
        continue;
      }
      String reason =
          held.reason() + " (" + held.template() + " in cluster " + held.id().cluster() + ")";
      int culprit = indexOf(submissions, held.source());
      if (culprit >= 0) {
        throw new InvalidInputException(held.field(), reason).inDocument(document(input, culprit));
      }
      InvalidInputException error =
          new InvalidInputException(held.source() + " " + held.field(), reason);
      int template = indexOf(submissions, held.template());
      throw template >= 0 ? error.inDocument(document(input, template)) : error;
    }
  }

  /**
   * Deletes a stored template or policy and reconciles: its works (or those it placed) are removed.
   *
   * @return false when nothing is stored under the key
   */
  public synchronized boolean delete(ObjectKey key) {
    Optional<Submission> stored = state.find(key);
    if (stored.isEmpty()) {
      return false;
    }
    store.writeAtomically(
        List.of(new ProducerRecord<>(topicOf(stored.get()), key.toString(), null)));
    state.remove(key);
    publishStatusOf(keysOf(reconciler.reconcile(List.of())));
    published.remove(key);
    return true;
  }

  /**
   * Reconciles after the clusters changed (one joined, was accepted, went NotReady...), publishing
   * their transitions with the work changes they cause, in one transaction.
   */
  public synchronized List<WorkChange> reconcile(List<ClusterStateChanged> transitions) {
    List<WorkChange> changes =
        reconciler.reconcile(
            transitions.stream()
                .map(transition -> events.record(transition.getCluster(), transition))
                .toList());
    publishStatusOf(keysOf(changes));
    return changes;
  }

  /** The template's status across its clusters; empty when no such template is stored. */
  public synchronized Optional<TemplateStatus> status(ObjectKey key) {
    if (!(state.find(key).orElse(null) instanceof Submission.Template)) {
      return Optional.empty();
    }
    Map<String, String> works = new HashMap<>();
    Map<String, WorkStatus> reported = new HashMap<>();
    for (ObjectKey workKey : state.workKeysOf(key)) {
      Map<String, String> byCluster = state.worksOf(workKey);
      works.putAll(byCluster);
      reports.reportsOn(workKey.toString()).entrySet().stream()
          .filter(report -> byCluster.containsKey(report.getKey()))
          .forEach(report -> reported.put(report.getKey(), report.getValue()));
    }
    return Optional.of(StatusFold.fold(key.toString(), state.generationOf(key), works, reported));
  }

  /** Every stored object, with its generation and, for templates, its status. */
  public synchronized List<StoredSummary> list() {
    return state.keys().stream().map(key -> summary(key).orElseThrow()).toList();
  }

  public synchronized Optional<StoredSummary> summary(ObjectKey key) {
    return state
        .find(key)
        .map(
            stored ->
                new StoredSummary(
                    key.toString(),
                    stored.apiVersion(),
                    state.generationOf(key),
                    status(key).orElse(null)));
  }

  /** An agent reported on the work: publishes its template's status if that changed. */
  public synchronized void reportedOn(ObjectKey work) {
    publishStatusOf(Set.of(state.templateOf(work)));
  }

  /**
   * Publishes a {@code TemplateStatusChanged} for each of the templates whose status is not the one
   * last published.
   */
  private void publishStatusOf(Collection<ObjectKey> keys) {
    List<ProducerRecord<String, Object>> records = new ArrayList<>();
    Map<ObjectKey, TemplateStatus> changed = new HashMap<>();
    for (ObjectKey key : keys) {
      status(key)
          .filter(now -> !now.equals(published.get(key)))
          .ifPresent(
              now -> {
                changed.put(key, now);
                records.add(events.record(key.toString(), now.toEvent()));
              });
    }
    store.writeAtomically(records);
    published.putAll(changed);
  }

  /** The templates of the changed works. */
  private Set<ObjectKey> keysOf(List<WorkChange> changes) {
    return changes.stream()
        .map(change -> state.templateOf(change.id().key()))
        .collect(Collectors.toSet());
  }

  /** Stores the operator's decision on a cluster; the membership monitor acts on it. */
  public synchronized void admit(String cluster, Admission admission) {
    store.writeAtomically(
        List.of(
            new ProducerRecord<>(
                settings.topics().clusters(), cluster, admission.toEvent(cluster))));
    clusters.admit(cluster, admission);
  }

  /**
   * Takes a cluster out of the fleet's placement: records it as not accepted (its sealing key
   * forgotten), so that nothing is placed there any more, and removes every work it has, in one
   * transaction. With {@code keepResources}, each work is first sent again asking the agent to keep
   * its object (preserveOnDeletion), so that the agent unmarks the objects instead of deleting
   * them.
   *
   * @return the object keys of the works removed from the cluster
   */
  public synchronized List<String> leave(String cluster, boolean keepResources) {
    Optional<Admission> before = clusters.admission(cluster);
    Admission left = new Admission(false, List.of(), "leave", clock.instant());
    List<ProducerRecord<String, Object>> records =
        new ArrayList<>(keepResources ? reconciler.preservedCopies(cluster) : List.of());
    records.add(new ProducerRecord<>(settings.topics().clusters(), cluster, left.toEvent(cluster)));
    // The reconcile reads the admission from the registry: a failed write restores it.
    clusters.admit(cluster, left);
    List<WorkChange> changes;
    try {
      changes = reconciler.reconcile(records);
    } catch (RuntimeException e) {
      clusters.admit(cluster, before.orElse(null));
      throw e;
    }
    publishStatusOf(keysOf(changes));
    return changes.stream()
        .filter(change -> change instanceof WorkChange.Remove)
        .map(WorkChange::id)
        .filter(id -> id.cluster().equals(cluster))
        .map(id -> id.key().toString())
        .toList();
  }

  private static int indexOf(List<Submission> submissions, ObjectKey key) {
    for (int i = 0; i < submissions.size(); i++) {
      if (submissions.get(i).key().equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /** Names a document as {@link Submissions#read} does. */
  private static String document(String input, int index) {
    return input + " document " + index;
  }

  private String topicOf(Submission submission) {
    return submission instanceof Submission.Template
        ? settings.topics().templates()
        : settings.topics().policies();
  }

  /** As submitted; a Secret template's values sealed. */
  private StoredObject stored(Submission submission, long generation, String appliedBy) {
    TemplateSealing.StoredForm form =
        templateSealing.seal(submission, JSON.writeValueAsString(submission.document()));
    return new StoredObject(
        submission.key().toString(),
        submission.apiVersion(),
        form.document(),
        generation,
        appliedBy,
        clock.instant(),
        form.sealedData());
  }
}
