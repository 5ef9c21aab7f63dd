package io.kafleet.traffic.metrics;

import io.kafleet.events.FleetEvent;
import io.kafleet.traffic.kafka.TrafficObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.stereotype.Component;

/**
 * traffic-service's own meters (see docs/operations.md): shifts by outcome, shift convergence and
 * rollout step durations, measured from the events each committed decision wrote ({@link
 * EventMeasures}), and the Kafka client metrics of each term's transactional producer. Every
 * outcome's counter and both histograms exist from the start, at 0.
 */
@Component
public final class TrafficMetrics implements TrafficObserver {

  /** Histogram buckets, seconds: from a quick local shift to a rollout's long pause. */
  private static final Duration[] CONVERGENCE_BUCKETS =
      seconds(0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600);

  private static final Duration[] STEP_BUCKETS =
      seconds(1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200);

  private final MeterRegistry registry;
  private final Map<ShiftOutcome, Counter> shifts = new EnumMap<>(ShiftOutcome.class);
  private final Timer convergence;
  private final Timer steps;
  private final EventMeasures measures = new EventMeasures();

  public TrafficMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (ShiftOutcome outcome : ShiftOutcome.values()) {
      shifts.put(
          outcome,
          Counter.builder("kafleet.traffic.shifts")
              .description("Shifts that ended, by outcome")
              .tag("outcome", outcome.label())
              .register(registry));
    }
    convergence =
        Timer.builder("kafleet.traffic.shift.convergence")
            .description("From a shift's command to the last target cluster reporting it")
            .serviceLevelObjectives(CONVERGENCE_BUCKETS)
            .register(registry);
    steps =
        Timer.builder("kafleet.traffic.rollout.step.duration")
            .description("From a rollout step's start to its completion, per wave")
            .serviceLevelObjectives(STEP_BUCKETS)
            .register(registry);
  }

  @Override
  public AutoCloseable producerOpened(Producer<?, ?> producer) {
    // The bindings' clients carry Spring Kafka's spring.id tag; Prometheus drops a meter whose name
    // another meter has with other tag keys (both have kafka_app_info_*), so this one has it too.
    KafkaClientMetrics metrics =
        new KafkaClientMetrics(producer, List.of(Tag.of("spring.id", "kafleet-traffic-publisher")));
    metrics.bindTo(registry);
    return metrics;
  }

  @Override
  public synchronized void committed(List<FleetEvent> events) {
    for (EventMeasures.Measure measure : measures.take(events)) {
      if (measure instanceof EventMeasures.ShiftEnded ended) {
        shifts.get(ended.outcome()).increment();
        if (ended.convergence() != null) {
          convergence.record(ended.convergence());
        }
      } else if (measure instanceof EventMeasures.StepEnded step) {
        steps.record(step.took());
      }
    }
  }

  private static Duration[] seconds(double... values) {
    Duration[] durations = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      durations[i] = Duration.ofMillis(Math.round(values[i] * 1000));
    }
    return durations;
  }
}
