package io.kafleet.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code kafleet get clusters} and {@code kafleet get KIND [NAME]}: the fleet view. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = "Show member clusters, or templates and policies with their clusters' status.")
final class GetCommand implements Callable<Integer> {

  private static final JsonMapper JSON = JsonMapper.builder().build();

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
      description = "json, yaml or wide.")
  private String output;

  @Override
  public Integer call() {
    ServiceApi api = server.api();
    PrintWriter out = spec.commandLine().getOut();
    if (kind.equals("clusters") || kind.equals("cluster")) {
      JsonNode clusters =
          name == null
              ? api.get("/api/v1/clusters")
              : JSON.createArrayNode().add(api.get("/api/v1/clusters/" + name));
      if (!Output.structured(out, output, clusters)) {
        Output.table(
            out,
            List.of("NAME", "MODE", "READY", "VERSION", "LABELS", "AGE"),
            clusterRows(clusters));
      }
      return 0;
    }
    if (member != null) {
      return live(api, out);
    }
    List<JsonNode> objects = FleetObjects.find(api, kind, name, namespace);
    if (name != null && objects.isEmpty()) {
      throw new CliException(
          Kinds.normalize(kind) + " \"" + name + "\" not found in namespace " + namespace);
    }
    if (!Output.structured(out, output, JSON.valueToTree(objects))) {
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode object : objects) {
        rows.add(
            List.of(
                object.path("objectKey").asString().split("/", 4)[3],
                String.valueOf(object.path("generation").asLong()),
                clustersReady(object.path("status")),
                object.path("status").path("health").asString("-")));
      }
      Output.table(out, List.of("NAME", "GENERATION", "CLUSTERS", "HEALTH"), rows);
    }
    return 0;
  }

  /** The member's objects as its API server returned them: a Kubernetes List with -o json. */
  private int live(ServiceApi api, PrintWriter out) {
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
    JsonNode list = api.get(query);
    if (!Output.structured(out, output, list)) {
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode item : list.path("items")) {
        rows.add(
            List.of(
                item.path("metadata").path("name").asString(),
                item.path("metadata").path("labels").path("kafleet.io/managed-by").isMissingNode()
                    ? "no"
                    : "yes",
                age(item.path("metadata").path("creationTimestamp"))));
      }
      Output.table(out, List.of("NAME", "MANAGED", "AGE"), rows);
    }
    return 0;
  }

  private static List<List<String>> clusterRows(JsonNode clusters) {
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode cluster : clusters) {
      JsonNode heartbeat = cluster.path("lastHeartbeat");
      List<String> labels = new ArrayList<>();
      heartbeat
          .path("labels")
          .properties()
          .forEach(l -> labels.add(l.getKey() + "=" + l.getValue().asString()));
      rows.add(
          List.of(
              cluster.path("name").asString(),
              "Pull",
              cluster.path("ready").asBoolean() ? "True" : "False",
              heartbeat.path("kubernetesVersion").asString("<unknown>"),
              labels.isEmpty() ? "<none>" : String.join(",", labels.stream().sorted().toList()),
              cluster.path("accepted").asBoolean()
                  ? age(heartbeat.path("lastHeartbeat"))
                  : "not accepted"));
    }
    return rows;
  }

  /** How long ago, kubectl style (45s, 3m, 2h, 4d). */
  private static String age(JsonNode instant) {
    if (!instant.isString()) {
      return "<unknown>";
    }
    Duration since = Duration.between(Instant.parse(instant.asString()), Instant.now());
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
