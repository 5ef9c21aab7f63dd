package io.kafleet.placement.core;

import io.kafleet.events.PlacementChange;
import io.kafleet.events.PlacementChanged;
import io.kafleet.placement.scheduling.ApplicationFailover;
import io.kafleet.placement.scheduling.DecisionContext;
import io.kafleet.placement.scheduling.EvictionTask;
import io.kafleet.placement.scheduling.Generations;
import io.kafleet.placement.scheduling.GracefulEviction;
import io.kafleet.placement.scheduling.Placement;
import io.kafleet.placement.scheduling.PreviousPlacement;
import io.kafleet.schemas.ObjectKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fleet model's scheduling memory, as {@code kafleet.schedules} holds it: each template's last
 * decision, the input of its next one, and the graceful evictions it runs; when a template is due
 * to be decided again though nothing changes (a toleration or a grace period runs out); and since
 * when a template has been reported unhealthy where its policy asks for application failover. The
 * decisions go through the model's undo log; the unhealthy times are what agents reported, not
 * decisions, and stay out of it.
 */
final class ScheduleBook {

  private final Journal journal;
  private final Duration evictionGracePeriod;
  private final Map<ObjectKey, PreviousPlacement> lastDecisions = new HashMap<>();
  private final Map<ObjectKey, List<EvictionTask>> evictions = new HashMap<>();
  private final Map<ObjectKey, Instant> reviews = new HashMap<>();
  private final Map<ObjectKey, Map<String, Instant>> unhealthySince = new HashMap<>();

  ScheduleBook(Journal journal, Duration evictionGracePeriod) {
    this.journal = journal;
    this.evictionGracePeriod = evictionGracePeriod;
  }

  /** A decision read back from {@code kafleet.schedules} (null: a tombstone). */
  void load(ObjectKey template, PreviousPlacement last, List<EvictionTask> running) {
    journal.remove(lastDecisions, template);
    journal.remove(evictions, template);
    if (last != null) {
      journal.put(lastDecisions, template, last);
      if (!running.isEmpty()) {
        journal.put(evictions, template, List.copyOf(running));
      }
    }
  }

  /** What the template's next decision starts from. */
  DecisionContext contextFor(ObjectKey template, Generations generations, Instant now) {
    Map<String, EvictionTask> evicting = new HashMap<>();
    evictionsOf(template).forEach(task -> evicting.put(task.cluster(), task));
    return new DecisionContext(
        generations, Optional.ofNullable(lastDecisions.get(template)), evicting, now);
  }

  /** The policy that placed the template last, if any. */
  Optional<ObjectKey> lastPolicy(ObjectKey template) {
    return Optional.ofNullable(lastDecisions.get(template)).flatMap(last -> last.basis().policy());
  }

  List<EvictionTask> evictionsOf(ObjectKey template) {
    return evictions.getOrDefault(template, List.of());
  }

  boolean evicting(ObjectKey template) {
    return evictions.containsKey(template);
  }

  /** Whether a graceful eviction keeps the template's works in the cluster for now. */
  boolean holds(ObjectKey template, String cluster) {
    return evictionsOf(template).stream().anyMatch(task -> task.cluster().equals(cluster));
  }

  /** The templates whose decision is due to be made again. */
  Set<ObjectKey> due(Instant now) {
    return reviews.entrySet().stream()
        .filter(review -> !review.getValue().isAfter(now))
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  /**
   * Notes since when each cluster reports the template unhealthy, or forgets it when its policy
   * asks for no application failover; whether that changed.
   *
   * @param health how each cluster reports the template, asked only under application failover
   */
  boolean observeUnhealthy(
      ObjectKey template,
      Optional<ApplicationFailover> failover,
      Supplier<Map<String, GracefulEviction.Health>> health,
      Instant now) {
    Map<String, Instant> before = unhealthySince.getOrDefault(template, Map.of());
    Map<String, Instant> unhealthy = new HashMap<>();
    if (failover.isPresent()) {
      health
          .get()
          .forEach(
              (cluster, reported) -> {
                if (reported == GracefulEviction.Health.Unhealthy) {
                  unhealthy.put(cluster, before.getOrDefault(cluster, now));
                }
              });
    }
    if (unhealthy.isEmpty()) {
      unhealthySince.remove(template);
    } else {
      unhealthySince.put(template, unhealthy);
    }
    return !unhealthy.equals(before);
  }

  /**
   * Starts an eviction from each cluster where the template has been unhealthy for longer than its
   * policy's application failover tolerates, before it is placed again: the new placement then
   * leaves those clusters.
   */
  List<EvictionTask> startApplicationFailover(
      ObjectKey template, Optional<ApplicationFailover> failover, Instant now) {
    PreviousPlacement last = lastDecisions.get(template);
    if (failover.isEmpty() || last == null) {
      return List.of();
    }
    List<EvictionTask> open = evictionsOf(template);
    List<EvictionTask> started =
        failover.get().evictions(unhealthyIn(template, last.clusters()), clusters(open), now);
    if (!started.isEmpty()) {
      List<EvictionTask> tasks = new ArrayList<>(open);
      tasks.addAll(started);
      journal.put(evictions, template, List.copyOf(tasks));
    }
    return started;
  }

  /**
   * Remembers the template's decision for the next one, starts the graceful evictions it decides,
   * and assesses the running ones.
   *
   * @param own null when the template is gone: its decision is forgotten
   * @param failedOver the application failovers this decision started, already running
   * @param health how each cluster reports the template, asked only when an eviction runs
   * @param intents where the schedule's record and the eviction events go
   * @return the clusters whose evicted works may go now
   */
  Set<String> schedule(
      ObjectKey template,
      Placement own,
      List<EvictionTask> failedOver,
      Optional<ApplicationFailover> failover,
      Supplier<Map<String, GracefulEviction.Health>> health,
      Instant now,
      List<Intent> intents) {
    PreviousPlacement lastBefore = lastDecisions.get(template);
    List<EvictionTask> open = evictionsOf(template);
    if (own == null) {
      journal.remove(lastDecisions, template);
      journal.remove(evictions, template);
      journal.remove(reviews, template);
      unhealthySince.remove(template);
      if (lastBefore != null) {
        intents.add(new Intent.ForgetSchedule(template));
      }
      return Set.of();
    }
    List<String> placedIn = own.selectedClusters();
    List<EvictionTask> tasks = new ArrayList<>(open);
    List<EvictionTask> started = new ArrayList<>(failedOver);
    started.addAll(GracefulEviction.started(own, clusters(open), now, evictionGracePeriod));
    for (EvictionTask task : started) {
      if (!tasks.contains(task)) {
        tasks.add(task);
      }
      intents.add(event(template, task, PlacementChange.Evicted, placedIn, task.reason()));
    }
    List<EvictionTask> holding = new ArrayList<>();
    Set<String> released = new TreeSet<>();
    if (!tasks.isEmpty()) {
      for (GracefulEviction.Assessment assessment :
          GracefulEviction.assess(tasks, placedIn, health.get(), now)) {
        if (assessment instanceof GracefulEviction.Assessment.Release release) {
          intents.add(
              event(
                  template, release.task(), PlacementChange.Released, placedIn, release.reason()));
          released.add(release.task().cluster());
        } else {
          holding.add(assessment.task());
        }
      }
    }
    PreviousPlacement last = PreviousPlacement.of(own);
    // A template placed nowhere, with nothing to evict, has nothing to keep to.
    PreviousPlacement kept = last.clusters().isEmpty() && holding.isEmpty() ? null : last;
    putOrRemove(lastDecisions, template, kept);
    putOrRemove(evictions, template, holding.isEmpty() ? null : List.copyOf(holding));
    if (!Objects.equals(kept, lastBefore) || !holding.equals(open)) {
      intents.add(
          kept == null
              ? new Intent.ForgetSchedule(template)
              : new Intent.PutSchedule(template, kept, List.copyOf(holding), now));
    }
    putOrRemove(
        reviews,
        template,
        Stream.of(
                own.reviewAt().stream(),
                holding.stream().map(EvictionTask::deadline).filter(Objects::nonNull),
                failover.flatMap(f -> f.reviewAt(unhealthyIn(template, placedIn), now)).stream())
            .flatMap(Function.identity())
            .min(Comparator.naturalOrder())
            .orElse(null));
    return released;
  }

  private <V> void putOrRemove(Map<ObjectKey, V> map, ObjectKey key, V value) {
    if (value == null) {
      journal.remove(map, key);
    } else {
      journal.put(map, key, value);
    }
  }

  private Map<String, Instant> unhealthyIn(ObjectKey template, Collection<String> clusters) {
    Map<String, Instant> unhealthy = new HashMap<>(unhealthySince.getOrDefault(template, Map.of()));
    unhealthy.keySet().retainAll(clusters);
    return unhealthy;
  }

  private static Set<String> clusters(List<EvictionTask> tasks) {
    return tasks.stream().map(EvictionTask::cluster).collect(Collectors.toSet());
  }

  private static Intent event(
      ObjectKey template,
      EvictionTask task,
      PlacementChange change,
      List<String> placedIn,
      String message) {
    return new Intent.Publish(
        template.toString(),
        new PlacementChanged(template.toString(), task.cluster(), change, placedIn, message));
  }
}
