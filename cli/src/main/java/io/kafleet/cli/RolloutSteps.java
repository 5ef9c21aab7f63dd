package io.kafleet.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rollout options as typed, read into what traffic-service's API takes: steps as {@code
 * WEIGHT[:PAUSE]} (no pause: the next step follows once the gates pass; a duration; or {@code
 * promote}: wait for {@code kafleet rollout promote}), waves as cluster lists.
 */
final class RolloutSteps {

  /**
   * @param pauseSeconds null waits for a promotion, as the API's null does
   */
  record Step(int canaryWeight, Long pauseSeconds) {}

  static final String UNTIL_PROMOTED = "promote";

  private RolloutSteps() {}

  /** {@code 20:60,50:promote,100} into steps; the syntax only, traffic-service checks the rest. */
  static List<Step> parse(String steps) {
    List<Step> parsed = new ArrayList<>();
    for (String step : steps.split(",", -1)) {
      String[] parts = step.strip().split(":", -1);
      if (parts.length > 2 || !parts[0].matches("\\d{1,3}")) {
        throw invalid(step, "expected WEIGHT[:PAUSE], a whole percentage like 20 or 20:60");
      }
      int weight = Integer.parseInt(parts[0]);
      if (parts.length == 1) {
        parsed.add(new Step(weight, 0L));
      } else if (parts[1].equals(UNTIL_PROMOTED)) {
        parsed.add(new Step(weight, null));
      } else {
        try {
          parsed.add(new Step(weight, Durations.parse("pause", parts[1]).toSeconds()));
        } catch (CliException e) {
          throw invalid(
              step,
              "the pause '"
                  + parts[1]
                  + "' is neither a duration (60, 90s, 5m) nor '"
                  + UNTIL_PROMOTED
                  + "'");
        }
      }
    }
    return parsed;
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
