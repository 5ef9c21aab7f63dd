package io.kafleet.agent.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.kafleet.events.WorkPhase;

/**
 * What happened to one object.
 *
 * @param live the object as the API server holds it afterwards; null when there is none
 * @param retry whether trying again later may succeed (an API server's refusal may; a manifest that
 *     is not JSON never will)
 */
public record Outcome(
    WorkPhase phase, String message, GenericKubernetesResource live, boolean retry) {

  public static Outcome applied(GenericKubernetesResource live, String message) {
    return new Outcome(WorkPhase.Applied, message, live, false);
  }

  public static Outcome failed(String message, boolean retry) {
    return new Outcome(WorkPhase.Failed, message, null, retry);
  }

  public static Outcome conflict(String message, GenericKubernetesResource live) {
    return new Outcome(WorkPhase.Conflict, message, live, false);
  }

  public static Outcome deleted(String message) {
    return new Outcome(WorkPhase.Deleted, message, null, false);
  }
}
