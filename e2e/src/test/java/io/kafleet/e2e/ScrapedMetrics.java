package io.kafleet.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One scrape in the Prometheus text format: its samples (name, raw labels, value). Comments ({@code
 * # HELP}, {@code # TYPE}) are no samples: a name counts as exported only with a sample.
 */
record ScrapedMetrics(String source, List<Sample> samples) {

  record Sample(String name, String labels, double value) {}

  ScrapedMetrics {
    samples = List.copyOf(samples);
  }

  static ScrapedMetrics parse(String source, String text) {
    List<Sample> samples = new ArrayList<>();
    int number = 0;
    for (String line : text.split("\n")) {
      number++;
      String sample = line.strip();
      if (sample.isEmpty() || sample.startsWith("#")) {
        continue;
      }
      try {
        samples.add(sample(sample));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            source + " line " + number + " is not a Prometheus sample: " + line, e);
      }
    }
    return new ScrapedMetrics(source, samples);
  }

  private static Sample sample(String line) {
    int nameEnd = 0;
    while (nameEnd < line.length() && line.charAt(nameEnd) != '{' && line.charAt(nameEnd) != ' ') {
      nameEnd++;
    }
    String name = line.substring(0, nameEnd);
    String labels = "";
    int rest = nameEnd;
    if (rest < line.length() && line.charAt(rest) == '{') {
      int close = closingBrace(line, rest);
      labels = line.substring(rest + 1, close);
      rest = close + 1;
    }
    String value = line.substring(rest).strip().split("\\s+")[0];
    return new Sample(name, labels, number(value));
  }

  private static int closingBrace(String line, int open) {
    boolean quoted = false;
    for (int i = open + 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == '}' && !quoted) {
        return i;
      }
    }
    throw new IllegalArgumentException("no closing '}'");
  }

  private static double number(String value) {
    return switch (value) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(value);
    };
  }

  /** The names that have at least one sample. */
  Set<String> names() {
    Set<String> names = new TreeSet<>();
    samples.forEach(sample -> names.add(sample.name()));
    return names;
  }

  /** The sum of every series of this name; 0 without one. */
  double sum(String name) {
    return samples.stream()
        .filter(sample -> sample.name().equals(name))
        .mapToDouble(Sample::value)
        .sum();
  }
}
