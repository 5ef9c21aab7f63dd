package io.kafleet.placement.input;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Kubernetes resource quantities ({@code 250m}, {@code 0.5}, {@code 128Mi}, {@code 1e3}), read as
 * the API server reads them: CPU in millicores and memory in bytes, rounded up.
 */
final class Quantities {

  private static final Pattern QUANTITY =
      Pattern.compile(
          "(\\+?(?:\\d+(?:\\.\\d*)?|\\.\\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\\d+)?");
  private static final BigDecimal KI = BigDecimal.valueOf(1024);
  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("Ki", KI),
          Map.entry("Mi", KI.pow(2)),
          Map.entry("Gi", KI.pow(3)),
          Map.entry("Ti", KI.pow(4)),
          Map.entry("Pi", KI.pow(5)),
          Map.entry("Ei", KI.pow(6)),
          Map.entry("n", BigDecimal.ONE.scaleByPowerOfTen(-9)),
          Map.entry("u", BigDecimal.ONE.scaleByPowerOfTen(-6)),
          Map.entry("m", BigDecimal.ONE.scaleByPowerOfTen(-3)),
          Map.entry("k", BigDecimal.ONE.scaleByPowerOfTen(3)),
          Map.entry("M", BigDecimal.ONE.scaleByPowerOfTen(6)),
          Map.entry("G", BigDecimal.ONE.scaleByPowerOfTen(9)),
          Map.entry("T", BigDecimal.ONE.scaleByPowerOfTen(12)),
          Map.entry("P", BigDecimal.ONE.scaleByPowerOfTen(15)),
          Map.entry("E", BigDecimal.ONE.scaleByPowerOfTen(18)));

  private Quantities() {}

  static long cpuMillis(String field, JsonNode quantity) {
    return rounded(field, parse(field, quantity).scaleByPowerOfTen(3));
  }

  static long bytes(String field, JsonNode quantity) {
    return rounded(field, parse(field, quantity));
  }

  private static BigDecimal parse(String field, JsonNode quantity) {
    if (quantity.isNumber()) {
      BigDecimal value = quantity.decimalValue();
      if (value.signum() < 0) {
        throw new InvalidInputException(field, "must not be negative");
      }
      return value;
    }
    String text = quantity.isString() ? quantity.asString().trim() : "";
    Matcher matcher = QUANTITY.matcher(text);
    if (!matcher.matches()) {
      throw new InvalidInputException(
          field, "'" + text + "' is not a Kubernetes quantity (e.g. 250m, 0.5, 128Mi)");
    }
    BigDecimal number = new BigDecimal(matcher.group(1));
    String suffix = matcher.group(2);
    if (suffix == null) {
      return number;
    }
    if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
      return number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
    }
    return number.multiply(SUFFIXES.get(suffix));
  }

  private static long rounded(String field, BigDecimal value) {
    try {
      return value.setScale(0, RoundingMode.CEILING).longValueExact();
    } catch (ArithmeticException e) {
      throw new InvalidInputException(field, "is too large");
    }
  }
}
