package io.kafleet.placement.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Karmada's {@code spec.failover.application}: a template whose work stays unhealthy in a cluster
 * for longer than {@code decisionConditions.tolerationSeconds} is evicted from it, and its works
 * there leave as {@code purgeMode} says.
 *
 * @param toleration how long a work may be unhealthy (Karmada's default: 300 s)
 * @param gracePeriod how long the works stay after the eviction with {@link PurgeMode#Gracefully}
 *     (Karmada's default: 600 s); unused otherwise
 */
public record ApplicationFailover(Duration toleration, PurgeMode purgeMode, Duration gracePeriod) {

  public static final Duration DEFAULT_TOLERATION = Duration.ofSeconds(300);
  public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(600);

  /**
   * How the works of the cluster left behind go; Karmada's former names {@code Immediately} and
   * {@code Graciously} are {@link #Directly} and {@link #Gracefully}.
   */
  public enum PurgeMode {
    /** At once. */
    Directly,
    /** Once the template is healthy where it went, or the grace period passes. */
    Gracefully,
    /** Not by kafleet: they stay until someone removes them. */
    Never
  }

  public ApplicationFailover {
    if (toleration.isNegative() || gracePeriod.isNegative()) {
      throw new IllegalArgumentException("negative toleration or grace period");
    }
  }

  /**
   * The eviction tasks to start: one for each cluster where the work has been unhealthy longer than
   * the toleration and that has none running.
   *
   * @param unhealthySince for each cluster the template is placed in whose work reports unhealthy,
   *     since when
   * @param open the clusters with an eviction task running
   */
  public List<EvictionTask> evictions(
      Map<String, Instant> unhealthySince, Set<String> open, Instant now) {
    List<EvictionTask> tasks = new ArrayList<>();
    new TreeMap<>(unhealthySince)
        .forEach(
            (cluster, since) -> {
              if (!open.contains(cluster) && !now.isBefore(since.plus(toleration))) {
                tasks.add(
                    new EvictionTask(
                        cluster,
                        EvictionTask.Producer.ApplicationFailover,
                        now,
                        "application failover: unhealthy since "
                            + since
                            + ", longer than the "
                            + toleration.toSeconds()
                            + " s tolerated; purgeMode "
                            + purgeMode,
                        switch (purgeMode) {
                          case Directly -> Duration.ZERO;
                          case Gracefully -> gracePeriod;
                          case Never -> null;
                        }));
              }
            });
    return tasks;
  }

  /** When the next unhealthy work runs out of toleration, if one is still within it. */
  public Optional<Instant> reviewAt(Map<String, Instant> unhealthySince, Instant now) {
    return unhealthySince.values().stream()
        .map(since -> since.plus(toleration))
        .filter(due -> due.isAfter(now))
        .min(Instant::compareTo);
  }
}
