package io.kafleet.placement.health;

import io.kafleet.placement.kafka.Leadership;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code placementReadiness} in the readiness group ({@code /actuator/health/readiness}): UP once
 * the instance knows the leader and, leading, has read its topics (see {@link PlacementReadiness}).
 */
@Component
class PlacementReadinessHealthIndicator implements HealthIndicator {

  private final Leadership leadership;

  PlacementReadinessHealthIndicator(Leadership leadership) {
    this.leadership = leadership;
  }

  @Override
  public Health health() {
    PlacementReadiness readiness = PlacementReadiness.of(leadership.standing());
    return readiness.ready()
        ? Health.up().build()
        : Health.down().withDetail("reason", readiness.reason()).build();
  }
}
