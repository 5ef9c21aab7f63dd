package io.kafleet.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** {@code kafleet get clusters} and {@code kafleet get KIND [NAME]}: the fleet view. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = "Show member clusters, or templates and policies with their clusters' status.")
final class GetCommand implements Callable<Integer> {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Built at first use: most runs print no YAML. */
  private static final class Yaml {
    static final YAMLMapper MAPPER = YAMLMapper.builder().build();
  }

  @Spec private CommandSpec spec;
  @Mixin private ServerOption server;

  @Parameters(
      index = "0",
      paramLabel = "KIND",
      description = "clusters, or a kind (deployments, vs, ...).")
  private String kind;

  @Parameters(index = "1", arity = "0..1", paramLabel = "NAME")
  private String name;

  @Option(
      names = {"-n", "--namespace"},
      defaultValue = "default",
      description = "Namespace (default ${DEFAULT-VALUE}).")
  private String namespace;

  @Option(
      names = {"-m", "--member"},
      description = "Show the live objects of this member cluster, read through its agent.")
  private String member;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description =
          "json or yaml (a List of objects with apiVersion, kind, metadata and kafleet's status;"
              + " one object when NAME is given), name (kind.group/name lines) or wide (more"
              + " columns).")
  private String output;

  @Option(
      names = {"-w", "--watch"},
      description = "After the first listing, print each object that changes, until interrupted.")
  private boolean watch;

  @Option(
      names = "--watch-interval",
      defaultValue = "1s",
      description = "How often --watch asks the API (default ${DEFAULT-VALUE}).")
  private String watchInterval;

  @Override
  public Integer call() {
    // Checked before any call, so that a wrong flag is told at once and asks nothing.
    OutputFormat format = OutputFormat.parse(output);
    Duration interval = Durations.parse("--watch-interval", watchInterval);
    if (watch && interval.isZero()) {
      throw new CliException("--watch-interval: must be at least 1s");
    }
    ServiceApi api = server.api();
    PrintWriter out = spec.commandLine().getOut();
    GetView view = fetch(api);
    if (name != null && view.rows().isEmpty()) {
      throw new CliException(notFound());
    }
    List<Integer> widths = printAll(out, format, view);
    out.flush();
    if (!watch) {
      return 0;
    }
    Map<String, JsonNode> seen = new HashMap<>();
    for (GetView.Shown row : view.rows()) {
      seen.put(row.id(), row.item());
    }
    while (true) {
      try {
        Thread.sleep(interval.toMillis());
        view = fetch(api);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      } catch (CliException e) {
        if (Thread.currentThread().isInterrupted()) {
          return 0;
        }
        throw e;
      }
      Map<String, JsonNode> now = new HashMap<>();
      for (GetView.Shown row : view.rows()) {
        now.put(row.id(), row.item());
        if (!row.item().equals(seen.get(row.id()))) {
          printChange(out, format, row, widths);
        }
      }
      seen = now;
      out.flush();
    }
  }

  private GetView fetch(ServiceApi api) {
    if (kind.equals("clusters") || kind.equals("cluster")) {
      JsonNode clusters =
          name == null
              ? api.get("/api/v1/clusters")
              : JSON.createArrayNode().add(api.get("/api/v1/clusters/" + name));
      return GetView.clusters(clusters, Instant.now());
    }
    if (member != null) {
      return GetView.live(live(api), Instant.now());
    }
    return GetView.templates(FleetObjects.find(api, kind, name, namespace));
  }

  private String notFound() {
    return member == null
        ? Kinds.normalize(kind) + " \"" + name + "\" not found in namespace " + namespace
        : Kinds.normalize(kind)
            + " \""
            + name
            + "\" not found in namespace "
            + namespace
            + " of cluster "
            + member;
  }

  /** The member's objects as its API server returned them, in a Kubernetes List. */
  private JsonNode live(ServiceApi api) {
    String[] served = Kinds.served(kind);
    String query =
        "/api/v1/clusters/"
            + member
            + "/objects?apiVersion="
            + ServiceApi.encode(served[0])
            + "&kind="
            + served[1]
            + "&namespace="
            + ServiceApi.encode(namespace)
            + (name == null ? "" : "&name=" + ServiceApi.encode(name));
    return api.get(query);
  }

  /**
   * The first listing: a table, the names, or the objects (one when NAME is given, else a List).
   *
   * @return the table's column widths, which the lines of {@code --watch} keep
   */
  private List<Integer> printAll(PrintWriter out, OutputFormat format, GetView view) {
    List<JsonNode> items = view.rows().stream().map(GetView.Shown::item).toList();
    switch (format) {
      case JSON, YAML -> print(out, format, name != null ? items.get(0) : KubeItems.list(items));
      case NAME -> items.forEach(item -> out.println(KubeItems.name(item)));
      case TABLE, WIDE -> {
        List<List<String>> rows = new ArrayList<>();
        rows.add(view.header(format));
        view.rows().forEach(row -> rows.add(GetView.cells(row, format)));
        List<Integer> widths = widths(rows);
        rows.forEach(row -> out.println(line(row, widths)));
        return widths;
      }
    }
    return List.of();
  }

  /** One object that changed while watching: its row, its name, or the object itself. */
  private static void printChange(
      PrintWriter out, OutputFormat format, GetView.Shown row, List<Integer> widths) {
    switch (format) {
      case JSON -> print(out, format, row.item());
      case YAML -> {
        out.println("---");
        print(out, format, row.item());
      }
      case NAME -> out.println(KubeItems.name(row.item()));
      case TABLE, WIDE -> out.println(line(GetView.cells(row, format), widths));
    }
  }

  private static void print(PrintWriter out, OutputFormat format, JsonNode value) {
    if (format == OutputFormat.JSON) {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
    } else {
      out.print(Yaml.MAPPER.writeValueAsString(value));
    }
  }

  /** Each column as wide as its widest cell, as {@link Output#table} aligns them. */
  private static List<Integer> widths(List<List<String>> rows) {
    List<Integer> widths = new ArrayList<>();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        if (widths.size() <= i) {
          widths.add(0);
        }
        widths.set(i, Math.max(widths.get(i), row.get(i).length()));
      }
    }
    return widths;
  }

  /** The cells, each but the last padded to its column's width plus three spaces. */
  private static String line(List<String> cells, List<Integer> widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      line.append(cell);
      if (i < cells.size() - 1) {
        line.append(" ".repeat(Math.max(0, widths.get(i) - cell.length()) + 3));
      }
    }
    return line.toString().stripTrailing();
  }
}
