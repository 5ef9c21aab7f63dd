package io.kafleet.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * What {@code get} shows of one answer of the API: a row per object, each with its kubectl-style
 * object ({@link KubeItems}), its cells and its wide cells. Pure functions of the answer and the
 * time now (for ages).
 */
record GetView(List<String> header, List<String> wideHeader, List<Shown> rows) {

  /**
   * One object as shown.
   *
   * @param id what identifies it from one answer to the next (for {@code --watch})
   * @param wideCells the cells {@code -o wide} adds after {@link #cells}
   */
  record Shown(String id, JsonNode item, List<String> cells, List<String> wideCells) {}

  GetView {
    header = List.copyOf(header);
    wideHeader = List.copyOf(wideHeader);
    rows = List.copyOf(rows);
  }

  /** Stored templates and policies, from {@code GET /api/v1/objects}'s summaries. */
  static GetView templates(List<JsonNode> summaries) {
    List<Shown> rows = new ArrayList<>();
    for (JsonNode summary : summaries) {
      String key = summary.path("objectKey").asString();
      JsonNode status = summary.path("status");
      JsonNode clusters = status.path("clusters");
      rows.add(
          new Shown(
              key,
              KubeItems.template(summary),
              List.of(
                  key.split("/", 4)[3],
                  String.valueOf(summary.path("generation").asLong()),
                  clustersReady(status),
                  status.path("health").asString("-")),
              List.of(
                  perCluster(clusters, "phase"),
                  perCluster(clusters, "health"),
                  perCluster(clusters, "appliedGeneration"))));
    }
    return new GetView(
        List.of("NAME", "GENERATION", "CLUSTERS", "HEALTH"),
        List.of("PHASE", "CLUSTER-HEALTH", "APPLIED-GENERATION"),
        rows);
  }

  /** Member clusters, from {@code GET /api/v1/clusters}'s records. */
  static GetView clusters(Iterable<JsonNode> records, Instant now) {
    List<Shown> rows = new ArrayList<>();
    for (JsonNode cluster : records) {
      JsonNode heartbeat = cluster.path("lastHeartbeat");
      List<String> labels = new ArrayList<>();
      heartbeat
          .path("labels")
          .properties()
          .forEach(l -> labels.add(l.getKey() + "=" + l.getValue().asString()));
      List<String> taints = new ArrayList<>();
      cluster
          .path("taints")
          .forEach(
              t ->
                  taints.add(
                      t.path("key").asString()
                          + (t.path("value").asString("").isEmpty()
                              ? ""
                              : "=" + t.path("value").asString())
                          + ":"
                          + t.path("effect").asString()));
      String name = cluster.path("name").asString();
      rows.add(
          new Shown(
              name,
              KubeItems.cluster(cluster),
              List.of(
                  name,
                  "Pull",
                  cluster.path("ready").asBoolean() ? "True" : "False",
                  heartbeat.path("kubernetesVersion").asString("<unknown>"),
                  labels.isEmpty() ? "<none>" : String.join(",", labels.stream().sorted().toList()),
                  cluster.path("accepted").asBoolean()
                      ? age(heartbeat.path("lastHeartbeat"), now)
                      : "not accepted"),
              List.of(
                  cluster.path("condition").asString("<none>"),
                  heartbeat.path("provider").asString("<none>"),
                  heartbeat.path("region").asString("<none>"),
                  heartbeat.path("zone").asString("<none>"),
                  taints.isEmpty() ? "<none>" : String.join(",", taints))));
    }
    return new GetView(
        List.of("NAME", "MODE", "READY", "VERSION", "LABELS", "AGE"),
        List.of("CONDITION", "PROVIDER", "REGION", "ZONE", "TAINTS"),
        rows);
  }

  /** A member's live objects, from the Kubernetes List its agent read. */
  static GetView live(JsonNode list, Instant now) {
    List<Shown> rows = new ArrayList<>();
    for (JsonNode item : list.path("items")) {
      JsonNode metadata = item.path("metadata");
      String namespace = metadata.path("namespace").asString("");
      rows.add(
          new Shown(
              namespace + "/" + metadata.path("name").asString(),
              item,
              List.of(
                  metadata.path("name").asString(),
                  metadata.path("labels").path("kafleet.io/managed-by").isMissingNode()
                      ? "no"
                      : "yes",
                  age(metadata.path("creationTimestamp"), now)),
              List.of(
                  namespace.isEmpty() ? "<none>" : namespace,
                  metadata.has("generation")
                      ? String.valueOf(metadata.path("generation").asLong())
                      : "<none>")));
    }
    return new GetView(List.of("NAME", "MANAGED", "AGE"), List.of("NAMESPACE", "GENERATION"), rows);
  }

  /** The header as the format shows it: with the wide columns for {@code -o wide}. */
  List<String> header(OutputFormat format) {
    return format == OutputFormat.WIDE ? concat(header, wideHeader) : header;
  }

  static List<String> cells(Shown row, OutputFormat format) {
    return format == OutputFormat.WIDE ? concat(row.cells(), row.wideCells()) : row.cells();
  }

  private static List<String> concat(List<String> first, List<String> then) {
    List<String> all = new ArrayList<>(first);
    all.addAll(then);
    return all;
  }

  /** e.g. {@code member1=Applied,member2=-}: one field of each cluster's status. */
  private static String perCluster(JsonNode clusters, String field) {
    if (clusters.isEmpty()) {
      return "<none>";
    }
    List<String> values = new ArrayList<>();
    clusters.forEach(
        c ->
            values.add(
                c.path("cluster").asString()
                    + "="
                    + (c.path(field).isNull() || c.path(field).isMissingNode()
                        ? "-"
                        : c.path(field).asString())));
    return values.stream().collect(Collectors.joining(","));
  }

  /** How long ago, kubectl style (45s, 3m, 2h, 4d). */
  static String age(JsonNode instant, Instant now) {
    if (!instant.isString()) {
      return "<unknown>";
    }
    Duration since = Duration.between(Instant.parse(instant.asString()), now);
    long seconds = Math.max(0, since.toSeconds());
    if (seconds < 120) {
      return seconds + "s";
    }
    if (seconds < 7200) {
      return seconds / 60 + "m";
    }
    return seconds < 172800 ? seconds / 3600 + "h" : seconds / 86400 + "d";
  }

  /** e.g. {@code 2/2 clusters ready}: clusters that applied the current work and are healthy. */
  private static String clustersReady(JsonNode status) {
    if (status.isMissingNode() || status.isNull()) {
      return "-";
    }
    int ready = 0;
    for (JsonNode cluster : status.path("clusters")) {
      if (cluster.path("current").asBoolean()
          && cluster.path("health").asString().equals("Healthy")) {
        ready++;
      }
    }
    return ready + "/" + status.path("clusters").size() + " clusters ready";
  }
}
