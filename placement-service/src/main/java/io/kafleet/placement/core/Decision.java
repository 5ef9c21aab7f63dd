package io.kafleet.placement.core;

import io.kafleet.placement.works.DesiredWorks.Held;
import io.kafleet.placement.works.WorkChange;
import java.util.List;

/**
 * What one change of the fleet decided: the intents to write together, in order (stored objects and
 * admissions first, then works, then events), the work changes among them, and the copies the
 * change newly holds back (an override that no longer fits), which an apply refuses.
 */
public record Decision(List<Intent> intents, List<WorkChange> workChanges, List<Held> newlyHeld) {

  public Decision {
    intents = List.copyOf(intents);
    workChanges = List.copyOf(workChanges);
    newlyHeld = List.copyOf(newlyHeld);
  }
}
