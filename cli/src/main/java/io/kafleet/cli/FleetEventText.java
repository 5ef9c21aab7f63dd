package io.kafleet.cli;

import io.kafleet.events.ClusterStateChanged;
import io.kafleet.events.ClusterWorkState;
import io.kafleet.events.DestinationWeight;
import io.kafleet.events.FleetEvent;
import io.kafleet.events.ObjectRef;
import io.kafleet.events.PlacementChanged;
import io.kafleet.events.RecordSkipped;
import io.kafleet.events.RolloutProgress;
import io.kafleet.events.RouteWeights;
import io.kafleet.events.ShiftCompleted;
import io.kafleet.events.ShiftProgress;
import io.kafleet.events.TemplateStatusChanged;
import io.kafleet.schemas.FleetEventJson;
import io.kafleet.schemas.ObjectKey;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * A {@link FleetEvent} as the terminal shows it: one line of TIME, TYPE, SUBJECT and DETAIL, or one
 * JSON object with every field for jq ({@link FleetEventJson}, as the console shows it too).
 */
final class FleetEventText {

  private static final int[] WIDTHS = {20, 21, 30};

  private FleetEventText() {}

  static String header() {
    return columns("TIME", "TYPE", "SUBJECT", "DETAIL");
  }

  /** e.g. {@code 2026-11-22T03:00:00Z ShiftProgress default/podinfo member1 Converged ...}. */
  static String line(FleetEvent event) {
    Object payload = event.getPayload();
    return columns(
        event.getOccurredAt().truncatedTo(ChronoUnit.SECONDS).toString(),
        FleetEventJson.type(event),
        subject(payload),
        detail(payload));
  }

  static String json(FleetEvent event) {
    return FleetEventJson.json(event);
  }

  private static String subject(Object payload) {
    if (payload instanceof ShiftProgress p) {
      return ref(p.getVirtualService());
    }
    if (payload instanceof ShiftCompleted c) {
      return ref(c.getVirtualService());
    }
    if (payload instanceof RolloutProgress r) {
      return ref(r.getVirtualService());
    }
    if (payload instanceof TemplateStatusChanged t) {
      return template(t.getObjectKey());
    }
    if (payload instanceof ClusterStateChanged c) {
      return c.getCluster();
    }
    if (payload instanceof PlacementChanged p) {
      return template(p.getObjectKey());
    }
    if (payload instanceof RecordSkipped s) {
      return s.getTopic() + "-" + s.getPartition() + "@" + s.getOffset();
    }
    return "-";
  }

  private static String detail(Object payload) {
    if (payload instanceof ShiftProgress p) {
      return shiftProgress(p);
    }
    if (payload instanceof ShiftCompleted c) {
      List<String> clusters = new ArrayList<>();
      new TreeMap<>(c.getClusters()).forEach((name, state) -> clusters.add(name + "=" + state));
      return (c.getConverged() ? "converged " : "not converged ")
          + String.join(",", clusters)
          + " shift "
          + c.getShiftId();
    }
    if (payload instanceof RolloutProgress r) {
      return rolloutProgress(r);
    }
    if (payload instanceof TemplateStatusChanged t) {
      List<String> clusters = new ArrayList<>();
      for (ClusterWorkState cluster : t.getClusters()) {
        clusters.add(
            cluster.getCluster()
                + "="
                + (cluster.getPhase() == null ? "NotReported" : cluster.getPhase())
                + "/"
                + cluster.getHealth());
      }
      return t.getHealth()
          + " generation "
          + t.getGeneration()
          + (clusters.isEmpty() ? " no target cluster" : " " + String.join(",", clusters));
    }
    if (payload instanceof ClusterStateChanged c) {
      return (c.getAccepted() ? "accepted" : "not accepted")
          + (c.getReady() ? " ready" : " not ready")
          + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")");
    }
    if (payload instanceof PlacementChanged p) {
      return p.getChange()
          + " "
          + p.getCluster()
          + " placed in "
          + (p.getPlacedIn().isEmpty() ? "none" : String.join(",", p.getPlacedIn()))
          + (p.getMessage() == null ? "" : " (" + p.getMessage() + ")");
    }
    if (payload instanceof RecordSkipped s) {
      return "skipped by " + s.getConsumer() + ": " + s.getReason();
    }
    return String.valueOf(payload);
  }

  /** e.g. {@code member1 Converged green=80,blue=20}; the requested weights where they differ. */
  private static String shiftProgress(ShiftProgress p) {
    RouteWeights shown = p.getObserved() == null ? p.getRequested() : p.getObserved();
    String line = p.getCluster() + " " + p.getState() + " " + weights(shown);
    if (p.getObserved() != null && !weights(p.getObserved()).equals(weights(p.getRequested()))) {
      line += " (requested " + weights(p.getRequested()) + ")";
    }
    line += " shift " + p.getShiftId();
    return p.getMessage() == null ? line : line + ": " + p.getMessage();
  }

  /** e.g. {@code StepStarted step 0 wave 1 canary 20% rollout r-1: shift s-9}. */
  private static String rolloutProgress(RolloutProgress r) {
    StringBuilder line = new StringBuilder(r.getPhase().toString());
    if (r.getStepIndex() != null) {
      line.append(" step ").append(r.getStepIndex());
    }
    if (r.getWave() != null) {
      line.append(" wave ").append(r.getWave());
    }
    if (r.getCanaryWeight() != null) {
      line.append(" canary ").append(r.getCanaryWeight()).append('%');
    }
    line.append(" rollout ").append(r.getRolloutId());
    return r.getMessage() == null ? line.toString() : line + ": " + r.getMessage();
  }

  /** A route's destinations as {@code green=80,blue=20}, the subset or else the host. */
  static String weights(RouteWeights route) {
    List<String> parts = new ArrayList<>();
    for (DestinationWeight destination : route.getDestinations()) {
      String name =
          destination.getSubset() == null ? destination.getHost() : destination.getSubset();
      parts.add(name + "=" + destination.getWeight());
    }
    return String.join(",", parts);
  }

  private static String ref(ObjectRef ref) {
    return ref.getNamespace() == null ? ref.getName() : ref.getNamespace() + "/" + ref.getName();
  }

  /** {@code deployment/default/reviews-v1}: the kind, then the namespace where there is one. */
  private static String template(String objectKey) {
    try {
      ObjectKey key = ObjectKey.parse(objectKey);
      String kind = key.kind().toLowerCase(Locale.ROOT);
      return key.clusterScoped()
          ? kind + "/" + key.name()
          : kind + "/" + key.namespace() + "/" + key.name();
    } catch (IllegalArgumentException e) {
      return objectKey;
    }
  }

  private static String columns(String... cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length - 1; i++) {
      line.append(cells[i]).append(" ".repeat(Math.max(0, WIDTHS[i] - cells[i].length()) + 2));
    }
    return line.append(cells[cells.length - 1]).toString();
  }
}
