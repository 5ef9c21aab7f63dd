package io.kafleet.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard of {@code deploy/grafana/kafleet.json} as the tests read it: its panels'
 * PromQL queries and the metric names each selects, and the metrics its template variables query.
 */
record GrafanaDashboard(JsonNode json) {

  static final Path FILE = Path.of("deploy", "grafana", "kafleet.json");
  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\(\\s*([A-Za-z_:][A-Za-z0-9_:]*)\\s*,");

  static GrafanaDashboard load(Path root) {
    return new GrafanaDashboard(JsonMapper.builder().build().readTree(root.resolve(FILE).toFile()));
  }

  /** Every panel but rows, nested ones included, in order. */
  List<JsonNode> panels() {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : json.path("panels")) {
      if (panel.path("type").asString().equals("row")) {
        panel.path("panels").forEach(panels::add);
      } else {
        panels.add(panel);
      }
    }
    return panels;
  }

  /** The panels' titles and the PromQL of their queries. */
  Map<String, List<String>> expressionsByPanel() {
    Map<String, List<String>> expressions = new LinkedHashMap<>();
    for (JsonNode panel : panels()) {
      List<String> exprs = new ArrayList<>();
      panel.path("targets").forEach(target -> exprs.add(target.path("expr").asString()));
      expressions.put(panel.path("title").asString(), exprs);
    }
    return expressions;
  }

  /** The metric names each panel's queries select. */
  Map<String, Set<String>> metricsByPanel() {
    Map<String, Set<String>> metrics = new LinkedHashMap<>();
    expressionsByPanel()
        .forEach(
            (title, exprs) -> {
              Set<String> names = new TreeSet<>();
              exprs.forEach(expr -> names.addAll(PromQlMetricNames.in(expr)));
              metrics.put(title, names);
            });
    return metrics;
  }

  /** The metrics the template variables' {@code label_values(metric, label)} queries read. */
  Set<String> variableMetrics() {
    Set<String> metrics = new TreeSet<>();
    for (JsonNode variable : json.path("templating").path("list")) {
      if (variable.path("type").asString().equals("query")) {
        Matcher matcher = LABEL_VALUES.matcher(variable.path("definition").asString());
        if (matcher.find()) {
          metrics.add(matcher.group(1));
        }
      }
    }
    return metrics;
  }

  /** Every metric name the dashboard uses, in panels and variables. */
  Set<String> metrics() {
    Set<String> all = new TreeSet<>(variableMetrics());
    metricsByPanel().values().forEach(all::addAll);
    return all;
  }
}
