package io.kafleet.bench.peer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run's figures as JSON and as a Markdown table, both systems side by side with the ratio
 * kafleet/Karmada of each figure.
 */
final class PeerReport {

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** A figure of the table: where it is in each system's figures, and which way is better. */
  record Row(String label, String path, boolean lowerIsBetter) {}

  static final List<Row> ROWS =
      List.of(
          new Row(
              "distribution p50 (ms), request sent → in every member", "/distribution/p50Ms", true),
          new Row("distribution p99 (ms)", "/distribution/p99Ms", true),
          new Row("fan-out (works/s)", "/fanOut/worksPerSecond", false),
          new Row("control-plane restart → new object placed (s)", "/restart/seconds", true),
          new Row("control plane resident memory (MiB)", "/footprint/controlPlaneRssMiB", true),
          new Row(
              "control plane CPU (s) for the whole run", "/footprint/controlPlaneCpuSeconds", true),
          new Row("one agent's resident memory (MiB)", "/footprint/agent/rssMiB", true),
          new Row("one agent's CPU (s)", "/footprint/agent/cpuSeconds", true));

  private PeerReport() {}

  static void write(PeerSettings settings, Map<String, Map<String, Object>> figures) {
    JsonNode tree = JSON.valueToTree(figures);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("run", settings.name());
    report.put("members", settings.members());
    report.put("distributionSamples", settings.distributionSamples());
    report.put("fanOutObjects", settings.fanOutObjects());
    report.put("restartObjects", settings.restartObjects());
    report.put("loadAverageAtEnd", loadAverage());
    report.put("systems", figures);
    report.put("ratios", ratios(tree));
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path base = settings.results().resolve("peer-" + settings.name() + "-" + stamp);
    try {
      Files.createDirectories(settings.results());
      Files.writeString(
          base.resolveSibling(base.getFileName() + ".json"), JSON.writeValueAsString(report));
      String markdown = markdown(settings, tree, stamp);
      Files.writeString(base.resolveSibling(base.getFileName() + ".md"), markdown);
      System.out.println(markdown);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> ratios(JsonNode tree) {
    Map<String, Object> ratios = new LinkedHashMap<>();
    for (Row row : ROWS) {
      ratios.put(row.path(), ratio(tree, row));
    }
    return ratios;
  }

  /** kafleet's figure over Karmada's. */
  private static Double ratio(JsonNode tree, Row row) {
    double kafleet = tree.at("/kafleet" + row.path()).asDouble(Double.NaN);
    double karmada = tree.at("/karmada" + row.path()).asDouble(Double.NaN);
    if (Double.isNaN(kafleet) || Double.isNaN(karmada) || karmada == 0) {
      return null;
    }
    return Math.round(kafleet / karmada * 100) / 100.0;
  }

  private static String markdown(PeerSettings settings, JsonNode tree, String stamp) {
    List<String> lines = new ArrayList<>();
    lines.add("# kafleet and Karmada side by side (" + settings.name() + ", " + stamp + ")");
    lines.add("");
    lines.add(
        "`bench/peer/run.sh"
            + (settings.name().equals("quick") ? " --quick" : "")
            + " --members "
            + settings.members()
            + " --karmada-bin DIR --karmada-source DIR`: "
            + settings.members()
            + " members per system (real kube-apiserver + etcd each), "
            + settings.distributionSamples()
            + " single-object samples, a fan-out of "
            + settings.fanOutObjects()
            + " objects, a restart with "
            + settings.restartObjects()
            + " objects. Load average at the end: "
            + loadAverage()
            + ".");
    lines.add("");
    lines.add("| figure | kafleet | Karmada | kafleet/Karmada |");
    lines.add("|---|---:|---:|---:|");
    for (Row row : ROWS) {
      Double ratio = ratio(tree, row);
      lines.add(
          "| "
              + row.label()
              + " | "
              + tree.at("/kafleet" + row.path()).asString("–")
              + " | "
              + tree.at("/karmada" + row.path()).asString("–")
              + " | "
              + (ratio == null ? "–" : ratio + (row.lowerIsBetter() ? " (lower is better)" : ""))
              + " |");
    }
    lines.add("");
    lines.add(
        "Checked before measuring: Bookinfo and its five PropagationPolicies landed in both systems'"
            + " members exactly as the policies say, "
            + tree.at("/kafleet/bookinfo"));
    return String.join("\n", lines) + "\n";
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
