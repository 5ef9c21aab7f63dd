package io.kafleet.validation;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads weights as an operator types them on the command line: {@code green=80,blue=20}. Spaces
 * around names, numbers and commas are allowed. Only the syntax is checked here; whether the
 * weights are in range and sum to 100 is {@link WeightShiftValidation}'s job, so that a negative
 * weight is reported with the other violations.
 */
public final class WeightsParser {

  private static final String EXAMPLE = "expected subset=weight pairs such as green=80,blue=20";

  private WeightsParser() {}

  /**
   * The weights by subset, in the order given.
   *
   * @throws IllegalArgumentException naming the pair (counted from 1) that is malformed
   */
  public static Map<String, Integer> parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("weights are empty; " + EXAMPLE);
    }
    Map<String, Integer> weights = new LinkedHashMap<>();
    Map<String, Integer> pairNumberBySubset = new HashMap<>();
    String[] pairs = text.split(",", -1);
    for (int i = 0; i < pairs.length; i++) {
      int number = i + 1;
      String pair = pairs[i].trim();
      String where = "pair %d \"%s\"".formatted(number, pair);
      if (pair.isEmpty()) {
        throw new IllegalArgumentException(
            "pair %d of \"%s\" is empty (stray comma?); %s".formatted(number, text, EXAMPLE));
      }
      int equals = pair.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException(where + " has no '='; " + EXAMPLE);
      }
      String subset = pair.substring(0, equals).trim();
      String weight = pair.substring(equals + 1).trim();
      if (subset.isEmpty()) {
        throw new IllegalArgumentException(where + " has no subset name before '='");
      }
      Integer earlier = pairNumberBySubset.putIfAbsent(subset, number);
      if (earlier != null) {
        throw new IllegalArgumentException(
            "subset \"%s\" is given twice: pair %d and pair %d".formatted(subset, earlier, number));
      }
      weights.put(subset, parseWeight(subset, weight, where));
    }
    return Collections.unmodifiableMap(weights);
  }

  private static int parseWeight(String subset, String weight, String where) {
    if (weight.isEmpty()) {
      throw new IllegalArgumentException(
          "%s has no weight after '=' for subset \"%s\"".formatted(where, subset));
    }
    if (!weight.matches("[+-]?\\d+")) {
      throw new IllegalArgumentException(
          "%s: weight \"%s\" for subset \"%s\" is not a whole number"
              .formatted(where, weight, subset));
    }
    try {
      return Integer.parseInt(weight);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "%s: weight %s for subset \"%s\" is far out of range 0..%d"
              .formatted(where, weight, subset, WeightShiftValidation.TOTAL),
          e);
    }
  }
}
