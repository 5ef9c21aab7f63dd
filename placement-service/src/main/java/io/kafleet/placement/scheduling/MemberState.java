package io.kafleet.placement.scheduling;

import java.util.Map;

/** What the scheduler needs to know of a member cluster. */
public record MemberState(
    String name, Map<String, String> labels, boolean accepted, boolean ready) {

  public MemberState {
    labels = Map.copyOf(labels);
  }
}
