package io.kafleet.agent.drift;

import io.kafleet.schemas.ObjectKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events from the informers' threads, handed to the work loop, which alone applies. Per key only
 * the latest event is kept, except that a status change never hides a change or a deletion.
 */
public final class DriftEvents {

  private final Map<ObjectKey, DriftEvent> pending = new LinkedHashMap<>();

  public synchronized void add(DriftEvent event) {
    DriftEvent earlier = pending.get(event.key());
    if (event instanceof DriftEvent.StatusChanged
        && earlier != null
        && !(earlier instanceof DriftEvent.StatusChanged)) {
      return;
    }
    pending.put(event.key(), event);
  }

  public synchronized List<DriftEvent> drain() {
    List<DriftEvent> events = List.copyOf(pending.values());
    pending.clear();
    return events;
  }
}
