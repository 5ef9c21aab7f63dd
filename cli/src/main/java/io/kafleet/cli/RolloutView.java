package io.kafleet.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** How a rollout, as {@code GET /api/v1/rollouts/{id}} answers it, reads on the terminal. */
final class RolloutView {

  /** The statuses after which nothing changes any more. */
  static final Set<String> FINISHED = Set.of("COMPLETED", "ABORTED", "REJECTED");

  private RolloutView() {}

  static boolean finished(JsonNode rollout) {
    return FINISHED.contains(rollout.path("status").asString());
  }

  /** e.g. {@code RUNNING step 0 of 3 (20% canary) wave 1 of 2 [member2] GATING shift s-1}. */
  static String progress(JsonNode rollout) {
    List<String> parts = new ArrayList<>();
    parts.add(rollout.path("status").asString());
    parts.add("step " + step(rollout));
    if (!finished(rollout)) {
      parts.add("wave " + wave(rollout));
      parts.add(rollout.path("stage").asString());
    }
    if (rollout.hasNonNull("shiftId")) {
      parts.add("shift " + rollout.path("shiftId").asString());
    }
    String line = String.join(" ", parts);
    return rollout.hasNonNull("message") ? line + ": " + rollout.path("message").asString() : line;
  }

  static void describe(PrintWriter out, JsonNode rollout) {
    line(out, "Rollout", rollout.path("rolloutId").asString());
    line(out, "VirtualService", rollout.path("virtualService").asString("<unknown>"));
    line(
        out,
        "Subsets",
        rollout.path("stableSubset").asString("?")
            + " (stable) -> "
            + rollout.path("canarySubset").asString("?")
            + " (canary)");
    line(out, "Status", rollout.path("status").asString());
    line(out, "Step", step(rollout));
    line(out, "Wave", wave(rollout));
    line(out, "Stage", rollout.path("stage").asString());
    line(out, "Shift", rollout.path("shiftId").asString("<none>"));
    line(out, "Since", rollout.path("since").asString());
    line(out, "Message", rollout.path("message").asString("<none>"));
  }

  private static void line(PrintWriter out, String label, String value) {
    out.println(label + ":" + " ".repeat(16 - label.length()) + value);
  }

  private static String step(JsonNode rollout) {
    String step = String.valueOf(rollout.path("step").asInt());
    if (rollout.path("steps").isArray()) {
      step += " of " + rollout.path("steps").size();
    }
    return rollout.hasNonNull("canaryWeight")
        ? step + " (" + rollout.path("canaryWeight").asInt() + "% canary)"
        : step;
  }

  private static String wave(JsonNode rollout) {
    JsonNode waves = rollout.path("waves");
    int wave = rollout.path("wave").asInt();
    if (!waves.isArray() || waves.isEmpty()) {
      return wave + " [every cluster holding it]";
    }
    List<String> clusters = new ArrayList<>();
    waves.path(wave).forEach(c -> clusters.add(c.asString()));
    return wave + " of " + waves.size() + " " + clusters;
  }
}
