package io.kafleet.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Prints as kubectl does: aligned columns by default, or the objects as JSON or YAML. */
final class Output {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private Output() {}

  /** Prints {@code value} as JSON or YAML; false when the format is the table. */
  static boolean structured(PrintWriter out, String format, JsonNode value) {
    switch (format) {
      case "json" -> out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
      case "yaml" -> out.print(YAML.writeValueAsString(value));
      case "table", "wide" -> {
        return false;
      }
      default -> throw new CliException("unknown output format " + format + ": json, yaml or wide");
    }
    return true;
  }

  /** Rows under a header, each column as wide as its widest cell plus three spaces. */
  static void table(PrintWriter out, List<String> header, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    int[] widths = new int[header.size()];
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 3));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String pad(String cell, int width) {
    return cell + " ".repeat(width - cell.length());
  }
}
