package io.kafleet.placement.fleet;

import io.kafleet.events.ClusterStateChanged;
import io.kafleet.events.StoredObject;
import io.kafleet.placement.clusters.Admission;
import io.kafleet.placement.clusters.ClusterRegistry;
import io.kafleet.placement.input.Submission;
import io.kafleet.placement.input.Submissions;
import io.kafleet.placement.scheduling.Placement;
import io.kafleet.placement.scheduling.Scheduler;
import io.kafleet.placement.status.StatusFold;
import io.kafleet.placement.status.TemplateStatus;
import io.kafleet.placement.status.WorkStatusBoard;
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
  private final Clock clock;

  public Fleet(
      FleetState state,
      FleetStore store,
      Reconciler reconciler,
      ClusterRegistry clusters,
      WorkStatusBoard reports,
      KafkaSettings settings,
      Clock clock) {
    this.state = state;
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
    for (Submission submission : Submissions.read(source, text, settings.maxObjectBytes())) {
      OptionalLong next = state.nextGeneration(submission);
      long generation = next.orElse(state.generationOf(submission.key()));
      String result = next.isEmpty() ? "unchanged" : generation == 1 ? "created" : "configured";
      results.add(new ApplyResult(submission.key().toString(), generation, result));
      next.ifPresent(g -> changed.put(submission, g));
    }
    store.writeAtomically(
        changed.entrySet().stream()
            .map(
                entry ->
                    new ProducerRecord<String, Object>(
                        topicOf(entry.getKey()),
                        entry.getKey().key().toString(),
                        stored(entry.getKey(), entry.getValue(), appliedBy)))
            .toList());
    // Only what Kafka holds becomes state: a failed write above leaves the state as it was.
    changed.forEach(state::put);
    publishStatusOf(keysOf(reconciler.reconcile(List.of())));
    return results;
  }

  /** Where the template goes and why; empty when no such template is stored. */
  public synchronized Optional<Placement> explain(ObjectKey key) {
    return state
        .find(key)
        .filter(Submission.Template.class::isInstance)
        .map(
            template ->
                Scheduler.place(
                    ((Submission.Template) template).ref(),
                    state.policies(),
                    reconciler.members()));
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
    return state
        .find(key)
        .filter(Submission.Template.class::isInstance)
        .map(
            template ->
                StatusFold.fold(
                    key.toString(),
                    state.generationOf(key),
                    state.worksOf(key),
                    reports.reportsOn(key.toString())));
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

  /**
   * Publishes a {@code TemplateStatusChanged} for each of the templates whose status is not the one
   * last published, e.g. after an agent reported.
   */
  public synchronized void publishStatusOf(Collection<ObjectKey> keys) {
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

  private static Set<ObjectKey> keysOf(List<WorkChange> changes) {
    return changes.stream().map(change -> change.id().key()).collect(Collectors.toSet());
  }

  /** Stores the operator's decision on a cluster; the membership monitor acts on it. */
  public synchronized void admit(String cluster, Admission admission) {
    store.writeAtomically(
        List.of(
            new ProducerRecord<>(
                settings.topics().clusters(), cluster, admission.toEvent(cluster))));
    clusters.admit(cluster, admission);
  }

  private String topicOf(Submission submission) {
    return submission instanceof Submission.Template
        ? settings.topics().templates()
        : settings.topics().policies();
  }

  private StoredObject stored(Submission submission, long generation, String appliedBy) {
    return new StoredObject(
        submission.key().toString(),
        submission.apiVersion(),
        JSON.writeValueAsString(submission.document()),
        generation,
        appliedBy,
        clock.instant());
  }
}
