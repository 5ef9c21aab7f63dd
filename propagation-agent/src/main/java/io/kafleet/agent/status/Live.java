package io.kafleet.agent.status;

import io.kafleet.events.Health;
import io.kafleet.events.RouteWeights;
import java.util.List;
import java.util.Map;

/** What a live object says about itself, as kafleet reports it. */
public record Live(Health health, Map<String, String> summary, List<RouteWeights> observedWeights) {

  public Live {
    summary = Map.copyOf(summary);
    observedWeights = List.copyOf(observedWeights);
  }

  public static Live of(Health health, Map<String, String> summary) {
    return new Live(health, summary, List.of());
  }
}
