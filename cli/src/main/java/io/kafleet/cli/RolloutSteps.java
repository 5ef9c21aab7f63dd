package io.kafleet.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rollout options as typed, read into what traffic-service's API takes: steps as {@code
 * WEIGHT[:PAUSE][:checks=N][:header=NAME:exact|prefix|regex:VALUE]} (no pause: the next step
 * follows once the gates pass; a duration; or {@code promote}: wait for {@code kafleet rollout
 * promote}), waves as cluster lists, metrics as {@code NAME:MIN..MAX[@WINDOW][=PROMQL]}.
 */
final class RolloutSteps {

  /**
   * @param pauseSeconds null waits for a promotion, as the API's null does
   * @param testHeader null: no test route; else requests with this header go to the canary
   * @param checks null: the API's default (1 passing analysis check)
   */
  record Step(int canaryWeight, Long pauseSeconds, TestHeader testHeader, Integer checks) {
    Step(int canaryWeight, Long pauseSeconds) {
      this(canaryWeight, pauseSeconds, null, null);
    }
  }

  /**
   * @param kind exact, prefix or regex, as Istio's StringMatch
   */
  record TestHeader(String name, String kind, String value) {}

  /**
   * @param min null: no lower bound
   * @param max null: no upper bound
   * @param windowSeconds null: the analysis interval
   * @param query null: a built-in
   */
  record Metric(String name, Double min, Double max, Long windowSeconds, String query) {}

  static final String UNTIL_PROMOTED = "promote";

  private static final String WEIGHT_FORM =
      "expected WEIGHT[:PAUSE], a whole percentage like 20 or 20:60";
  private static final String STEP_FORM =
      "expected WEIGHT[:PAUSE][:checks=N][:header=NAME:exact|prefix|regex:VALUE], e.g. 20:60 or"
          + " 0:checks=5:header=x-canary:exact:true";
  private static final String HEADER = ":header=";
  private static final Set<String> MATCH_KINDS = Set.of("exact", "prefix", "regex");
  private static final Pattern METRIC =
      Pattern.compile("([^:=@]+):([^=@]*?)\\.\\.([^=@]*)(?:@([^=]+))?(?:=(.+))?", Pattern.DOTALL);

  private RolloutSteps() {}

  /** {@code 20:60,50:promote,100} into steps; the syntax only, traffic-service checks the rest. */
  static List<Step> parse(String steps) {
    List<Step> parsed = new ArrayList<>();
    for (String step : steps.split(",", -1)) {
      parsed.add(step(step.strip()));
    }
    return parsed;
  }

  /** One step; a header's value is the rest of the step, so it may hold ':' (not ','). */
  private static Step step(String step) {
    int header = step.indexOf(HEADER);
    String head = header < 0 ? step : step.substring(0, header);
    TestHeader testHeader =
        header < 0 ? null : testHeader(step, step.substring(header + HEADER.length()));
    String[] parts = head.split(":", -1);
    if (!parts[0].matches("\\d{1,3}")) {
      throw invalid(step, WEIGHT_FORM);
    }
    int weight = Integer.parseInt(parts[0]);
    Long pause = 0L;
    Integer checks = null;
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i];
      if (part.startsWith("checks=")) {
        if (checks != null || !part.substring(7).matches("\\d{1,6}")) {
          throw invalid(step, "'" + part + "': expected checks=N once, N a whole number like 3");
        }
        checks = Integer.parseInt(part.substring(7));
      } else if (i > 1) {
        throw invalid(step, STEP_FORM);
      } else if (part.equals(UNTIL_PROMOTED)) {
        pause = null;
      } else {
        try {
          pause = Durations.parse("pause", part).toSeconds();
        } catch (CliException e) {
          throw invalid(
              step,
              "the pause '"
                  + part
                  + "' is neither a duration (60, 90s, 5m) nor '"
                  + UNTIL_PROMOTED
                  + "'");
        }
      }
    }
    return new Step(weight, pause, testHeader, checks);
  }

  private static TestHeader testHeader(String step, String spec) {
    String[] parts = spec.split(":", 3);
    if (parts.length < 3 || parts[0].isEmpty() || !MATCH_KINDS.contains(parts[1])) {
      throw invalid(
          step,
          "'header="
              + spec
              + "': expected header=NAME:exact|prefix|regex:VALUE, e.g. header=x-canary:exact:true");
    }
    return new TestHeader(parts[0], parts[1], parts[2]);
  }

  /**
   * {@code request-success-rate:99..}, {@code request-duration:..500@1m} or {@code
   * error-rate:0..1=PROMQL}: a range with at least one bound, an optional window, and the query
   * (required by traffic-service for anything but a built-in).
   */
  static Metric metric(String metric) {
    Matcher m = METRIC.matcher(metric.strip());
    if (!m.matches()) {
      throw new CliException(
          "--metric: '"
              + metric
              + "': expected NAME:MIN..MAX[@WINDOW][=PROMQL], e.g. request-success-rate:99..,"
              + " request-duration:..500@1m or 'errors:..1=sum(rate(...))'");
    }
    Double min = bound(metric, "min", m.group(2));
    Double max = bound(metric, "max", m.group(3));
    if (min == null && max == null) {
      throw new CliException(
          "--metric: '" + metric + "': the range needs a min or a max (99.., ..500, 0..1)");
    }
    Long window =
        m.group(4) == null ? null : Durations.parse("--metric " + metric, m.group(4)).toSeconds();
    return new Metric(m.group(1).strip(), min, max, window, m.group(5));
  }

  private static Double bound(String metric, String which, String text) {
    if (text.isBlank()) {
      return null;
    }
    try {
      return Double.valueOf(text.strip());
    } catch (NumberFormatException e) {
      throw new CliException(
          "--metric: '" + metric + "': the " + which + " '" + text + "' is not a number");
    }
  }

  /**
   * The waves of either form: {@code --waves a;b,c} or {@code --wave a --wave b,c}, each into
   * {@code [[a], [b, c]]}.
   */
  static List<List<String>> waves(String waves, List<String> repeated) {
    if (waves != null && !repeated.isEmpty()) {
      throw new CliException("use either --waves or --wave, not both");
    }
    List<String> groups = waves == null ? repeated : Arrays.asList(waves.split(";", -1));
    String option = waves == null ? "--wave" : "--waves";
    List<List<String>> parsed = new ArrayList<>();
    for (String group : groups) {
      List<String> clusters = Arrays.stream(group.split(",", -1)).map(String::strip).toList();
      if (clusters.stream().anyMatch(String::isEmpty)) {
        throw new CliException(
            option + ": '" + group + "' has an empty cluster name (e.g. member1;member2,member3)");
      }
      parsed.add(clusters);
    }
    return parsed;
  }

  private static CliException invalid(String step, String why) {
    return new CliException("--steps: '" + step + "': " + why);
  }
}
