package io.kafleet.traffic.health;

import io.kafleet.traffic.kafka.TrafficLeadership;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code trafficReadiness}, in the readiness group ({@code /actuator/health/readiness}, see
 * traffic-service.yaml): UP once the leader is known and, on the leader, its books are rebuilt
 * ({@link Readiness}).
 */
@Component
final class TrafficReadinessHealthIndicator implements HealthIndicator {

  private final TrafficLeadership leadership;

  TrafficReadinessHealthIndicator(TrafficLeadership leadership) {
    this.leadership = leadership;
  }

  @Override
  public Health health() {
    Readiness readiness =
        Readiness.of(leadership.leaderKnown(), leadership.elected(), leadership.isLeading());
    return (readiness.ready() ? Health.up() : Health.down())
        .withDetail("reason", readiness.reason())
        .build();
  }
}
