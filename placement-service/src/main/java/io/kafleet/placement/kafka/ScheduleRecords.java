package io.kafleet.placement.kafka;

import io.kafleet.events.EvictionProducer;
import io.kafleet.events.GracefulEvictionTask;
import io.kafleet.events.TemplateSchedule;
import io.kafleet.placement.core.Intent;
import io.kafleet.placement.scheduling.DecisionBasis;
import io.kafleet.placement.scheduling.EvictionTask;
import io.kafleet.placement.scheduling.PreviousPlacement;
import io.kafleet.schemas.ObjectKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** A template's scheduling decision as {@code kafleet.schedules} holds it, and back. */
final class ScheduleRecords {

  private ScheduleRecords() {}

  static TemplateSchedule toEvent(Intent.PutSchedule put) {
    PreviousPlacement last = put.last();
    return new TemplateSchedule(
        put.template().toString(),
        last.basis().templateGeneration(),
        last.basis().policy().map(ObjectKey::toString).orElse(null),
        last.basis().policyGeneration(),
        last.clusters(),
        last.replicas(),
        last.affinityGroup().isPresent() ? last.affinityGroup().getAsInt() : null,
        put.evictions().stream().map(ScheduleRecords::toEvent).toList(),
        put.decidedAt());
  }

  static PreviousPlacement lastDecision(TemplateSchedule schedule) {
    return new PreviousPlacement(
        new DecisionBasis(
            schedule.getTemplateGeneration(),
            Optional.ofNullable(schedule.getPolicy()).map(ObjectKey::parse),
            schedule.getPolicyGeneration()),
        schedule.getClusters(),
        schedule.getReplicas(),
        schedule.getAffinityGroup() == null
            ? OptionalInt.empty()
            : OptionalInt.of(schedule.getAffinityGroup()));
  }

  static List<EvictionTask> evictions(TemplateSchedule schedule) {
    return schedule.getEvictions().stream()
        .map(
            task ->
                new EvictionTask(
                    task.getCluster(),
                    EvictionTask.Producer.valueOf(task.getProducer().name()),
                    task.getSince(),
                    task.getReason(),
                    task.getGracePeriodSeconds() == null
                        ? null
                        : Duration.ofSeconds(task.getGracePeriodSeconds())))
        .toList();
  }

  private static GracefulEvictionTask toEvent(EvictionTask task) {
    return new GracefulEvictionTask(
        task.cluster(),
        EvictionProducer.valueOf(task.producer().name()),
        task.since(),
        task.reason(),
        task.gracePeriod() == null ? null : task.gracePeriod().toSeconds());
  }
}
