package io.kafleet.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Where an applied template stands in its clusters, read from placement-service's stored summary
 * ({@code GET /api/v1/objects/{key}}). A cluster has reported when its agent's report is about the
 * work the cluster holds now ({@code current}): {@code Applied}, or a failure ({@code Failed},
 * {@code Conflict}, {@code Deleted}). Health is not waited for: without a controller-manager a
 * Deployment stays Progressing.
 */
record ApplyProgress(String objectKey, List<ClusterOutcome> clusters) {

  enum State {
    PENDING,
    APPLIED,
    FAILED
  }

  /**
   * @param phase the agent's phase (Applied, Failed, ...), or Pending
   */
  record ClusterOutcome(String cluster, State state, String phase, String message) {

    /** e.g. {@code member1 Applied}, {@code member2 Failed (admission webhook denied it)}. */
    String describe() {
      return cluster
          + " "
          + phase
          + (state == State.APPLIED || message == null ? "" : " (" + message + ")");
    }
  }

  private static final Set<String> FAILURES = Set.of("Failed", "Conflict", "Deleted");

  /**
   * @param generation the generation the apply answered; an older stored one is not it yet
   * @return null for an object without a status: a policy, which has no clusters of its own
   */
  static ApplyProgress of(JsonNode summary, long generation) {
    JsonNode status = summary.path("status");
    if (!status.isObject()) {
      return null;
    }
    boolean storedYet = summary.path("generation").asLong() >= generation;
    List<ClusterOutcome> clusters = new ArrayList<>();
    for (JsonNode cluster : status.path("clusters")) {
      String name = cluster.path("cluster").asString();
      String phase = cluster.path("phase").asString(null);
      String message = cluster.path("message").asString(null);
      if (!storedYet || !cluster.path("current").asBoolean() || phase == null) {
        String why = phase == null ? "not reported yet" : "no report on the current work yet";
        clusters.add(new ClusterOutcome(name, State.PENDING, "Pending", why));
      } else if (FAILURES.contains(phase)) {
        clusters.add(new ClusterOutcome(name, State.FAILED, phase, message));
      } else {
        clusters.add(new ClusterOutcome(name, State.APPLIED, phase, message));
      }
    }
    return new ApplyProgress(summary.path("objectKey").asString(), clusters);
  }

  boolean done() {
    return clusters.stream().noneMatch(c -> c.state() == State.PENDING);
  }

  List<ClusterOutcome> in(State state) {
    return clusters.stream().filter(c -> c.state() == state).toList();
  }

  /** e.g. {@code deployment/reviews-v1 member1 Applied member2 Applied}. */
  String summaryLine(int nameWidth) {
    String name = FleetObjects.shortName(objectKey);
    String line = name + " ".repeat(Math.max(0, nameWidth - name.length()) + 3);
    if (clusters.isEmpty()) {
      return line + "no target cluster";
    }
    return line + String.join("   ", clusters.stream().map(ClusterOutcome::describe).toList());
  }
}
