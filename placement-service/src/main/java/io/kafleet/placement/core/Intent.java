package io.kafleet.placement.core;

import io.kafleet.events.RolloutRequested;
import io.kafleet.events.StoredObject;
import io.kafleet.placement.clusters.Admission;
import io.kafleet.placement.scheduling.EvictionTask;
import io.kafleet.placement.scheduling.PreviousPlacement;
import io.kafleet.placement.works.RenderedWork;
import io.kafleet.placement.works.WorkId;
import io.kafleet.schemas.ObjectKey;
import java.time.Instant;
import java.util.List;

/**
 * One thing a decision asks the world to hold: the Kafka adapter turns each into one record, and
 * writes one decision's intents in one transaction.
 */
public sealed interface Intent {

  /** Store a template ({@code template}) or policy in its stored form. */
  record Store(ObjectKey key, boolean template, StoredObject stored) implements Intent {}

  /** Forget a stored template ({@code template}) or policy. */
  record Forget(ObjectKey key, boolean template) implements Intent {}

  /** Put a work into a cluster's execution space; {@code generation} is its template's. */
  record PutWork(RenderedWork work, long generation) implements Intent {}

  /** Tombstone a work: the cluster's agent removes the object. */
  record RemoveWork(WorkId id) implements Intent {}

  /**
   * Keep the template's last scheduling decision and its running graceful evictions, the input of
   * its next decision.
   */
  record PutSchedule(
      ObjectKey template, PreviousPlacement last, List<EvictionTask> evictions, Instant decidedAt)
      implements Intent {}

  /** Forget the template's scheduling decision: the template is gone, or placed nowhere. */
  record ForgetSchedule(ObjectKey template) implements Intent {}

  /** Record the operator's decision on a cluster. */
  record Admit(String cluster, Admission admission) implements Intent {}

  /**
   * Publish a fleet event (a cluster's transition, a template's status).
   *
   * @param payload an event of the schemas, e.g. {@code TemplateStatusChanged}
   */
  record Publish(String key, Object payload) implements Intent {}

  /** Ask traffic-service for a rollout (a Flagger Canary's generation), keyed by its id. */
  record RequestRollout(RolloutRequested request) implements Intent {}
}
