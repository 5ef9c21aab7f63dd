package io.kafleet.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as kubectl's flags take them: {@code 90s}, {@code 2m}, {@code 1h30m}; bare seconds. */
final class Durations {

  private static final Pattern SECONDS = Pattern.compile("\\d+");
  private static final Pattern UNITS = Pattern.compile("(?:\\d+[hms])+");
  private static final Pattern PART = Pattern.compile("(\\d+)([hms])");

  private Durations() {}

  /**
   * @param option the option's name, for the error
   */
  static Duration parse(String option, String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (SECONDS.matcher(value).matches()) {
        return Duration.ofSeconds(Long.parseLong(value));
      }
      if (UNITS.matcher(value).matches()) {
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(value);
        while (part.find()) {
          long amount = Long.parseLong(part.group(1));
          total =
              total.plus(
                  switch (part.group(2)) {
                    case "h" -> Duration.ofHours(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofSeconds(amount);
                  });
        }
        return total;
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw new CliException(option + ": '" + text + "' is too long a duration");
    }
    throw new CliException(
        option + ": '" + text + "' is not a duration (whole seconds, or e.g. 90s, 2m, 1h30m)");
  }

  /** e.g. {@code 2m}, {@code 1h30m}, {@code 45s}: how the duration would be typed. */
  static String format(Duration duration) {
    long seconds = duration.toSeconds();
    StringBuilder text = new StringBuilder();
    if (seconds >= 3600) {
      text.append(seconds / 3600).append('h');
    }
    if (seconds % 3600 >= 60) {
      text.append(seconds % 3600 / 60).append('m');
    }
    if (seconds % 60 != 0 || text.isEmpty()) {
      text.append(seconds % 60).append('s');
    }
    return text.toString();
  }
}
