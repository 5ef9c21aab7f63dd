package io.kafleet.placement.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Graceful eviction, as Karmada's graceful-eviction controller assesses its tasks: the works of a
 * cluster a template was evicted from stay until every cluster the template is placed in now
 * reports it healthy, or the grace period passes (Karmada's default: 10 minutes); then they may go.
 * Nothing here deletes: the caller tombstones what is released.
 *
 * <p>Where Karmada releases at once a template placed nowhere else (every one of no clusters is
 * healthy), kafleet holds it for the grace period: a policy naming only the evicted cluster should
 * not lose its works at the first eviction.
 */
public final class GracefulEviction {

  public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofMinutes(10);

  /** How a cluster last reported the template's work. */
  public enum Health {
    Healthy,
    Unhealthy,
    Unknown
  }

  /** What becomes of one eviction task. */
  public sealed interface Assessment {

    EvictionTask task();

    /** The evicted cluster keeps its works for now. */
    record Hold(EvictionTask task, String reason) implements Assessment {}

    /** The evicted cluster's works may go. */
    record Release(EvictionTask task, String reason) implements Assessment {}
  }

  private GracefulEviction() {}

  /**
   * The tasks a new decision starts: one for each cluster it evicts that has none yet.
   *
   * @param open the tasks already running, by cluster
   */
  public static List<EvictionTask> started(
      Placement placement, Set<String> open, Instant now, Duration gracePeriod) {
    List<EvictionTask> tasks = new ArrayList<>();
    for (ClusterDecision decision : placement.clusters()) {
      if (decision instanceof ClusterDecision.Evicted && !open.contains(decision.cluster())) {
        tasks.add(
            new EvictionTask(
                decision.cluster(),
                EvictionTask.Producer.TaintManager,
                now,
                decision.reason(),
                gracePeriod));
      }
    }
    return tasks;
  }

  /**
   * @param placedIn the clusters the template is placed in now
   * @param health how each cluster last reported the template's work; a cluster missing here has
   *     not reported
   */
  public static List<Assessment> assess(
      List<EvictionTask> tasks, List<String> placedIn, Map<String, Health> health, Instant now) {
    List<String> notHealthy =
        placedIn.stream()
            .filter(cluster -> health.getOrDefault(cluster, Health.Unknown) != Health.Healthy)
            .sorted()
            .toList();
    List<Assessment> assessments = new ArrayList<>();
    for (EvictionTask task : tasks) {
      if (placedIn.contains(task.cluster())) {
        assessments.add(
            new Assessment.Release(
                task, "placed in " + task.cluster() + " again: nothing to evict"));
      } else if (task.gracePeriod() == null) {
        assessments.add(
            new Assessment.Hold(task, "purgeMode Never: kept until someone removes the works"));
      } else if (!now.isBefore(task.deadline())) {
        assessments.add(
            new Assessment.Release(
                task,
                "grace period of "
                    + task.gracePeriod().toSeconds()
                    + " s since "
                    + task.since()
                    + " has passed"
                    + (notHealthy.isEmpty() ? "" : " though " + describe(notHealthy, health))));
      } else if (placedIn.isEmpty()) {
        assessments.add(
            new Assessment.Hold(
                task,
                "no other cluster has the template: kept until "
                    + task.deadline()
                    + " (grace period)"));
      } else if (notHealthy.isEmpty()) {
        assessments.add(
            new Assessment.Release(
                task,
                "healthy where it went: "
                    + String.join(", ", placedIn.stream().sorted().toList())));
      } else {
        assessments.add(
            new Assessment.Hold(
                task,
                "kept until the template is healthy where it went ("
                    + describe(notHealthy, health)
                    + "), or until "
                    + task.deadline()
                    + " (grace period)"));
      }
    }
    return assessments;
  }

  private static String describe(List<String> notHealthy, Map<String, Health> health) {
    return notHealthy.stream()
        .map(
            cluster ->
                cluster
                    + (health.containsKey(cluster)
                        ? " reports it " + health.get(cluster)
                        : " has not reported it"))
        .collect(Collectors.joining(", "));
  }
}
