package io.kafleet.bench;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.ShiftProgress;
import io.kafleet.events.ShiftState;
import io.kafleet.schemas.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/** The {@code Converged} events on {@code kafleet.traffic.events}: when each arrived. */
final class ShiftLog implements AutoCloseable {

  private final Map<String, Long> convergedAt = new ConcurrentHashMap<>();
  private final TopicFollower<FleetEvent> follower;

  ShiftLog(String bootstrapServers, String registryUrl) {
    this.follower =
        TopicFollower.start(
            bootstrapServers,
            registryUrl,
            List.of(Topics.DEFAULT.trafficEvents()),
            (record, at) -> {
              if (record.value() != null
                  && record.value().getPayload() instanceof ShiftProgress progress
                  && progress.getState() == ShiftState.Converged) {
                convergedAt.putIfAbsent(progress.getShiftId() + "|" + progress.getCluster(), at);
              }
            });
  }

  /** Waits until the shift converged in every cluster; returns when the last one did. */
  long awaitConverged(String shiftId, Collection<String> clusters, Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long last = 0;
      int missing = 0;
      for (String cluster : clusters) {
        Long at = convergedAt.get(shiftId + "|" + cluster);
        if (at == null) {
          missing++;
        } else {
          last = Math.max(last, at);
        }
      }
      if (missing == 0) {
        return last;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "shift " + shiftId + " not converged in " + missing + " clusters in " + timeout);
      }
      Thread.sleep(2);
    }
  }

  @Override
  public void close() {
    follower.close();
  }
}
