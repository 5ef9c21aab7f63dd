package io.kafleet.traffic.rollouts;

import io.kafleet.events.FleetEvent;
import io.kafleet.events.RolloutPhase;
import io.kafleet.events.RolloutProgress;
import io.kafleet.events.RolloutRequested;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every rollout traffic-service knows of: what each asked (from the rollout requests topic) and
 * where it stands (from its own events). A request with no event yet is still to be started or
 * refused. Plain data; the owner serialises access.
 */
public final class RolloutBook {

  /** A rollout: its spec (null for a request refused on its own terms) and its state. */
  public record Tracked(RolloutSpec spec, RolloutState state) {}

  private final Map<String, RolloutSpec> specs = new LinkedHashMap<>();
  private final Map<String, RolloutState> states = new LinkedHashMap<>();
  private final Map<String, RolloutRequested> waiting = new LinkedHashMap<>();

  /** A request read from the topic; one known already (a replay, the API's own) changes nothing. */
  public void requested(RolloutRequested request) {
    String id = request.getCorrelationId();
    if (RolloutRequests.check(request).isEmpty()) {
      specs.putIfAbsent(id, RolloutRequests.spec(request));
    }
    if (!states.containsKey(id)) {
      waiting.putIfAbsent(id, request);
    }
  }

  public boolean knows(String id) {
    return states.containsKey(id);
  }

  /** Requests to start or refuse now, oldest first; each leaves this list once it has an event. */
  public List<RolloutRequested> waiting() {
    return new ArrayList<>(waiting.values());
  }

  public void apply(FleetEvent event) {
    if (!(event.getPayload() instanceof RolloutProgress progress)) {
      return;
    }
    String id = progress.getRolloutId();
    waiting.remove(id);
    if (!specs.containsKey(id) && progress.getPhase() != RolloutPhase.Failed) {
      return; // its request aged out of the requests topic: nothing to go on
    }
    RolloutState next =
        Rollouts.apply(specs.get(id), states.get(id), progress, event.getOccurredAt());
    if (next != null) {
      states.put(id, next);
    }
  }

  public Optional<Tracked> find(String id) {
    RolloutState state = states.get(id);
    return state == null ? Optional.empty() : Optional.of(new Tracked(specs.get(id), state));
  }

  /** The rollouts with something still to do. */
  public List<Tracked> running() {
    List<Tracked> running = new ArrayList<>();
    states.forEach(
        (id, state) -> {
          if (!state.status().finished() && specs.containsKey(id)) {
            running.add(new Tracked(specs.get(id), state));
          }
        });
    return running;
  }
}
