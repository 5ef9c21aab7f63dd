package io.kafleet.bench;

import io.kafleet.events.StatusEvent;
import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import io.kafleet.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the agents report on {@code kafleet.status.<cluster>}: when the first {@code Applied} of
 * each (cluster, object key) arrived, and how many work statuses each cluster sent.
 */
final class StatusLog implements AutoCloseable {

  private final Map<String, Long> appliedAt = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> reports = new ConcurrentHashMap<>();
  private final TopicFollower<StatusEvent> follower;

  StatusLog(String bootstrapServers, String registryUrl, Collection<String> clusters) {
    List<String> topics = clusters.stream().map(Topics.DEFAULT::status).toList();
    this.follower =
        TopicFollower.start(
            bootstrapServers,
            registryUrl,
            topics,
            (record, at) -> {
              if (record.value() != null
                  && record.value().getPayload() instanceof WorkStatus status) {
                reports
                    .computeIfAbsent(status.getCluster(), c -> new AtomicLong())
                    .incrementAndGet();
                if (status.getPhase() == WorkPhase.Applied) {
                  appliedAt.putIfAbsent(id(status.getCluster(), status.getObjectKey()), at);
                }
              }
            });
  }

  static String id(String cluster, String objectKey) {
    return cluster + "|" + objectKey;
  }

  long reports(String cluster) {
    AtomicLong count = reports.get(cluster);
    return count == null ? 0 : count.get();
  }

  /** Waits until every (cluster, key) id was reported Applied; returns the arrival times. */
  Map<String, Long> awaitApplied(Collection<String> ids, Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    // Only what is still missing is looked at again: checking thousands of ids every few
    // milliseconds was a tenth of the harness's own CPU in a profile.
    List<String> missing = new ArrayList<>(ids);
    while (true) {
      missing.removeIf(appliedAt::containsKey);
      if (missing.isEmpty()) {
        Map<String, Long> times = new HashMap<>();
        ids.forEach(id -> times.put(id, appliedAt.get(id)));
        return times;
      }
      if (System.nanoTime() > deadline) {
        Map<String, Long> missingPerCluster = new TreeMap<>();
        missing.forEach(
            id -> missingPerCluster.merge(id.substring(0, id.indexOf('|')), 1L, Long::sum));
        throw new TimeoutException(
            missing.size()
                + " of "
                + ids.size()
                + " (cluster, object) pairs not Applied in "
                + timeout
                + ": missing per cluster "
                + missingPerCluster
                + ", statuses received per cluster "
                + reports);
      }
      Thread.sleep(missing.size() > 100 ? 20 : 2);
    }
  }

  /** Waits until the cluster sent at least this many work statuses; returns when the last came. */
  long awaitReports(String cluster, long count, Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (reports(cluster) < count) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            cluster + " sent " + reports(cluster) + " of " + count + " statuses in " + timeout);
      }
      Thread.sleep(2);
    }
    return System.nanoTime();
  }

  @Override
  public void close() {
    follower.close();
  }
}
