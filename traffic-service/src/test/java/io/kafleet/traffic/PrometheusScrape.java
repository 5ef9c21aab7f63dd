package io.kafleet.traffic;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a Prometheus text scrape the way a test needs it: sample names and values. */
public final class PrometheusScrape {

  private final String text;

  public PrometheusScrape(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /** The sample names, each once. */
  public List<String> names() {
    return text.lines()
        .filter(line -> !line.startsWith("#") && !line.isBlank())
        .map(line -> line.split("[{ ]", 2)[0])
        .distinct()
        .toList();
  }

  /** The value of the first sample {@code name} whose labels contain {@code label}; NaN: none. */
  public double value(String name, String label) {
    Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$");
    for (String line : text.lines().toList()) {
      Matcher matcher = sample.matcher(line);
      if (matcher.matches() && (matcher.group(1) == null ? "" : matcher.group(1)).contains(label)) {
        return Double.parseDouble(matcher.group(2));
      }
    }
    return Double.NaN;
  }

  public double value(String name) {
    return value(name, "");
  }
}
