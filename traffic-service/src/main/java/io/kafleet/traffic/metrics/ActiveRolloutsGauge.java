package io.kafleet.traffic.metrics;

import io.kafleet.traffic.kafka.TrafficLeadership;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * {@code kafleet_traffic_rollouts_active}: the rollouts started and not ended, read from the
 * leader's books at each scrape, so that a new leader shows the rollouts it took over. A standby
 * shows 0: {@code sum} over the instances is the fleet's number.
 */
@Component
final class ActiveRolloutsGauge implements MeterBinder {

  private final TrafficLeadership leadership;

  ActiveRolloutsGauge(TrafficLeadership leadership) {
    this.leadership = leadership;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("kafleet.traffic.rollouts.active", leadership, TrafficLeadership::activeRollouts)
        .description("Rollouts started and not ended")
        .register(registry);
  }
}
