package io.kafleet.placement.works;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What must be written so that the execution spaces hold exactly the desired works: a put for each
 * new or changed work (by content hash), a tombstone for each work no longer desired (unless it is
 * held), and nothing for a work already there with the same hash, so that recomputing after a
 * restart writes nothing.
 */
public final class WorkDiff {

  private static final Comparator<WorkId> ORDER =
      Comparator.comparing(WorkId::cluster).thenComparing(id -> id.key().toString());

  private WorkDiff() {}

  /**
   * @param emitted the content hash of every work currently in the execution spaces
   * @param desired the works that should be there
   */
  public static List<WorkChange> between(
      Map<WorkId, String> emitted, Collection<RenderedWork> desired) {
    return between(emitted, desired, Set.of());
  }

  /**
   * @param held works that are not desired as rendered but must stay as they are: neither put nor
   *     removed
   */
  public static List<WorkChange> between(
      Map<WorkId, String> emitted, Collection<RenderedWork> desired, Set<WorkId> held) {
    List<WorkChange> changes = new ArrayList<>();
    Set<WorkId> stillDesired = new HashSet<>();
    for (RenderedWork work : desired) {
      WorkId id = new WorkId(work.cluster(), work.key());
      if (!stillDesired.add(id)) {
        throw new IllegalArgumentException("two desired works for " + id);
      }
      if (!work.contentHash().equals(emitted.get(id))) {
        changes.add(new WorkChange.Put(work));
      }
    }
    emitted.keySet().stream()
        .filter(id -> !stillDesired.contains(id) && !held.contains(id))
        .forEach(id -> changes.add(new WorkChange.Remove(id)));
    changes.sort(Comparator.comparing(WorkChange::id, ORDER));
    return changes;
  }
}
