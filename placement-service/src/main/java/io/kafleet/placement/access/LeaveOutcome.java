package io.kafleet.placement.access;

import io.kafleet.events.WorkPhase;
import io.kafleet.events.WorkStatus;
import java.util.List;
import java.util.Map;

/**
 * What a leave did in the cluster: how many of the works removed from it its agent confirmed
 * deleted ({@code removed}) or kept ({@code kept}, with keepResources), and which it did not
 * confirm in time ({@code notConfirmed}, object keys).
 */
public record LeaveOutcome(String cluster, int removed, List<String> notConfirmed, int kept) {

  public LeaveOutcome {
    notConfirmed = List.copyOf(notConfirmed);
  }

  /**
   * Whether the agent has reported the work gone since the leave: a Deleted report newer than the
   * one known when the leave began (compared as reports, not clocks, which may differ).
   */
  public static boolean confirmed(WorkStatus before, WorkStatus now) {
    return now != null && now.getPhase() == WorkPhase.Deleted && !now.equals(before);
  }

  /**
   * @param removedWorks the object keys of the works the leave removed from the cluster
   * @param before the cluster's report on each, when the leave began (absent: none)
   * @param now its report on each, now
   */
  public static LeaveOutcome of(
      String cluster,
      List<String> removedWorks,
      Map<String, WorkStatus> before,
      Map<String, WorkStatus> now,
      boolean keepResources) {
    List<String> pending =
        removedWorks.stream()
            .filter(key -> !confirmed(before.get(key), now.get(key)))
            .sorted()
            .toList();
    int done = removedWorks.size() - pending.size();
    return keepResources
        ? new LeaveOutcome(cluster, 0, pending, done)
        : new LeaveOutcome(cluster, done, pending, 0);
  }
}
