package io.kafleet.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    if (rollout.path("steps").isArray()) {
      line(out, "Steps", steps(rollout.path("steps")));
    }
    JsonNode analysis = rollout.path("analysis");
    if (analysis.isObject()) {
      line(
          out,
          "Analysis",
          "every "
              + Durations.format(Duration.ofSeconds(analysis.path("intervalSeconds").asLong()))
              + ", rolled back after "
              + analysis.path("threshold").asInt()
              + " failed check(s) in a row in a cluster");
      for (JsonNode metric : analysis.path("metrics")) {
        out.println("  " + metric(metric));
      }
    }
    JsonNode history = rollout.path("history");
    if (history.isArray() && !history.isEmpty()) {
      out.println("History (UTC):");
      for (JsonNode entry : history) {
        out.println("  " + entry(entry));
        JsonNode measurements = entry.path("measurements");
        if (measurements.isArray()) {
          measurements(out, measurements);
        }
      }
    }
  }

  /** e.g. {@code 0% header x-canary exact true, 5 checks; 20% pause 60s; 100%}. */
  private static String steps(JsonNode steps) {
    List<String> shown = new ArrayList<>();
    for (JsonNode step : steps) {
      StringBuilder text = new StringBuilder(step.path("canaryWeight").asInt() + "%");
      if (step.path("pauseSeconds").isNull()) {
        text.append(" until promoted");
      } else if (step.path("pauseSeconds").asLong() > 0) {
        text.append(" pause ")
            .append(Durations.format(Duration.ofSeconds(step.path("pauseSeconds").asLong())));
      }
      // the API shows each match as {header: {exact|prefix|regex: value}}
      for (JsonNode match : step.path("testMatches")) {
        List<String> headers = new ArrayList<>();
        for (Map.Entry<String, JsonNode> header : match.properties()) {
          for (Map.Entry<String, JsonNode> kind : header.getValue().properties()) {
            headers.add(header.getKey() + " " + kind.getKey() + " " + kind.getValue().asString());
          }
        }
        text.append(" header ").append(String.join(" and ", headers));
      }
      if (step.path("checks").asInt(1) > 1) {
        text.append(", ").append(step.path("checks").asInt()).append(" checks");
      }
      shown.add(text.toString());
    }
    return String.join("; ", shown);
  }

  /** e.g. {@code request-success-rate 99.. over 1m} or a query's name, range and PromQL. */
  private static String metric(JsonNode metric) {
    String text =
        metric.path("name").asString()
            + " "
            + range(metric)
            + " over "
            + Durations.format(Duration.ofSeconds(metric.path("windowSeconds").asLong()));
    return metric.hasNonNull("query")
        ? text + ": " + metric.path("query").asString()
        : text + " (built-in)";
  }

  /**
   * e.g. {@code step 1 wave 0 12:00:04 check failed: request-success-rate in member2 79.5 (min
   * 99)}; other phases with their message.
   */
  private static String entry(JsonNode entry) {
    String phase = entry.path("phase").asString();
    String text;
    if (phase.equals("Analysed")) {
      List<String> failed = new ArrayList<>();
      for (JsonNode m : entry.path("measurements")) {
        if (!m.path("passed").asBoolean()) {
          failed.add(failure(m));
        }
      }
      text = failed.isEmpty() ? "check passed" : "check failed: " + String.join("; ", failed);
    } else {
      text = entry.hasNonNull("message") ? phase + ": " + entry.path("message").asString() : phase;
    }
    return "step "
        + entry.path("step").asInt()
        + " wave "
        + entry.path("wave").asInt()
        + "  "
        + time(entry.path("at").asString())
        + "  "
        + text;
  }

  /** {@code request-success-rate in member2 79.5 (min 99)}, or why it has no value. */
  private static String failure(JsonNode m) {
    String where = m.path("metric").asString() + " in " + m.path("cluster").asString();
    if (!m.hasNonNull("value") || m.hasNonNull("error")) {
      return where + " no value (" + m.path("error").asString("no data") + ")";
    }
    List<String> bounds = new ArrayList<>();
    if (m.hasNonNull("min")) {
      bounds.add("min " + number(m.path("min").asDouble()));
    }
    if (m.hasNonNull("max")) {
      bounds.add("max " + number(m.path("max").asDouble()));
    }
    return where
        + " "
        + number(m.path("value").asDouble())
        + " ("
        + String.join(", ", bounds)
        + ")";
  }

  /** One aligned line per measurement: cluster, metric, value, range, passed or failed. */
  private static void measurements(PrintWriter out, JsonNode measurements) {
    List<String[]> rows = new ArrayList<>();
    for (JsonNode m : measurements) {
      rows.add(
          new String[] {
            m.path("cluster").asString(),
            m.path("metric").asString(),
            m.hasNonNull("value") ? number(m.path("value").asDouble()) : "-",
            range(m),
            m.path("passed").asBoolean()
                ? "passed"
                : "failed" + (m.hasNonNull("error") ? ": " + m.path("error").asString() : "")
          });
    }
    int[] widths = new int[4];
    for (String[] row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("    ");
      for (int i = 0; i < widths.length; i++) {
        line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
      }
      out.println(line.append(row[4]));
    }
  }

  /** "99..", "..500" or "99..100". */
  private static String range(JsonNode bounds) {
    return (bounds.hasNonNull("min") ? number(bounds.path("min").asDouble()) : "")
        + ".."
        + (bounds.hasNonNull("max") ? number(bounds.path("max").asDouble()) : "");
  }

  /** 100 for 100.0; else at most three decimals. */
  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return String.valueOf(value);
    }
    if (value == Math.rint(value)) {
      return String.valueOf((long) value);
    }
    return String.valueOf(Math.round(value * 1000) / 1000.0);
  }

  /** The time of day of an ISO instant, e.g. 12:00:04; the text itself when it is none. */
  private static String time(String at) {
    try {
      return DateTimeFormatter.ofPattern("HH:mm:ss")
          .withZone(ZoneOffset.UTC)
          .format(Instant.parse(at));
    } catch (DateTimeParseException e) {
      return at;
    }
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
