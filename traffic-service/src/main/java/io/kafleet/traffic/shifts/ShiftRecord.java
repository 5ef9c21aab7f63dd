package io.kafleet.traffic.shifts;

import io.kafleet.events.RouteWeights;
import io.kafleet.events.TestRoute;
import io.kafleet.events.TrafficShiftRequested;
import io.kafleet.schemas.ObjectKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One weight change being tracked: asked through the API ({@link Origin#API}, published on {@code
 * kafleet.traffic.shifts}) or seen as a new VirtualService generation applied directly through
 * placement-service ({@link Origin#APPLY}). {@code clusters} is empty for every cluster holding the
 * VirtualService; {@code testRoute} is kafleet's test route the VirtualService should have after
 * the change, null for none; {@code minGeneration} is the template generation the shift was made
 * against, null when not known yet.
 */
public record ShiftRecord(
    String id,
    ObjectKey virtualService,
    RouteWeights requested,
    TestRoute testRoute,
    List<String> clusters,
    String requestedBy,
    Instant requestedAt,
    Origin origin,
    Long minGeneration,
    String reason,
    String rolloutId,
    String correlationId) {

  public enum Origin {
    API,
    APPLY
  }

  public ShiftRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(virtualService, "virtualService");
    Objects.requireNonNull(requested, "requested");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(origin, "origin");
    clusters = List.copyOf(clusters);
  }

  /** A shift traffic-service published, as read back from the shifts topic. */
  public static ShiftRecord of(TrafficShiftRequested shift, ObjectKey key, Long minGeneration) {
    return new ShiftRecord(
        shift.getShiftId(),
        key,
        shift.getWeights(),
        shift.getTestRoute(),
        shift.getClusters(),
        shift.getRequestedBy(),
        shift.getRequestedAt(),
        Origin.API,
        minGeneration,
        shift.getReason(),
        shift.getRolloutId(),
        shift.getCorrelationId());
  }
}
