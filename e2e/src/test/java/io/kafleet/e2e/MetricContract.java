package io.kafleet.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metric contract: the table of section "Health and metrics" of {@code docs/operations.md}, as
 * the Prometheus series names it allows. A counter or gauge is its own name; a histogram is its
 * {@code _bucket}, {@code _count} and {@code _sum} series.
 */
record MetricContract(Set<String> seriesNames) {

  static final List<String> HISTOGRAM_SUFFIXES = List.of("_bucket", "_count", "_sum");
  private static final String SECTION = "## Health and metrics";

  MetricContract {
    seriesNames = Set.copyOf(seriesNames);
  }

  static MetricContract read(Path operationsMarkdown) {
    List<String> lines;
    try {
      lines = Files.readAllLines(operationsMarkdown);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int start = lines.indexOf(SECTION);
    if (start < 0) {
      throw new IllegalStateException(
          "no section '" + SECTION + "' in " + operationsMarkdown + ": the metric table is there");
    }
    Set<String> series = new TreeSet<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.split("\\|");
      String name = cells[1].strip().replace("`", "");
      String type = cells[2].strip();
      switch (type) {
        case "counter", "gauge" -> series.add(name);
        case "histogram" -> HISTOGRAM_SUFFIXES.forEach(suffix -> series.add(name + suffix));
        default -> {
          // Another table of the section (the probes'): not metrics.
        }
      }
    }
    return new MetricContract(series);
  }

  boolean allows(String seriesName) {
    return seriesNames.contains(seriesName);
  }
}
