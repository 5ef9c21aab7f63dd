package io.kafleet.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code kafleet traffic set|history}: weight shifts across the fleet, through traffic-service. */
@Command(
    name = "traffic",
    mixinStandardHelpOptions = true,
    description = "Shift VirtualService weights across the fleet and show their history.",
    subcommands = {TrafficCommand.Set.class, TrafficCommand.History.class})
final class TrafficCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** Where traffic-service listens, and the token. */
  static final class TrafficServerOption {
    @Option(
        names = "--traffic-server",
        description =
            "traffic-service's URL (else env KAFLEET_TRAFFIC_SERVER, else the context's"
                + " traffic-server; default http://localhost:8082).")
    String server;

    @Mixin AuthOptions auth;

    ServiceApi api() {
      return auth.api(
          "traffic-service", server, "KAFLEET_TRAFFIC_SERVER", "http://localhost:8082", true);
    }
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Set the weights of a VirtualService route in every cluster holding it.")
  static final class Set implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Spec private CommandSpec spec;
    @Mixin private TrafficServerOption traffic;

    @Parameters(paramLabel = "VIRTUALSERVICE")
    private String virtualService;

    @Option(
        names = "--weights",
        required = true,
        split = ",",
        description = "subset=weight pairs, e.g. green=80,blue=20.")
    private Map<String, String> weights;

    @Option(
        names = {"-n", "--namespace"},
        defaultValue = "default")
    private String namespace;

    @Option(names = "--route", description = "The route's name or index (default: route 0).")
    private String route;

    @Option(names = "--clusters", split = ",", description = "Only these clusters.")
    private List<String> clusters = List.of();

    @Option(names = "--wait", description = "Return once every target cluster has an outcome.")
    private boolean await;

    @Option(names = "--timeout", defaultValue = "120s", description = "How long --wait waits.")
    private String timeout;

    @Override
    public Integer call() throws InterruptedException {
      Duration limit = Durations.parse("--timeout", timeout);
      ObjectNode body = JSON.createObjectNode();
      body.putObject("virtualService").put("namespace", namespace).put("name", virtualService);
      if (route != null) {
        if (route.matches("\\d+")) {
          body.putObject("route").put("index", Integer.parseInt(route));
        } else {
          body.putObject("route").put("name", route);
        }
      }
      ObjectNode weightsNode = body.putObject("weights");
      for (var weight : weights.entrySet()) {
        if (!weight.getValue().matches("-?\\d+")) {
          throw new CliException(
              "--weights: " + weight.getKey() + "=" + weight.getValue() + " is not a whole number");
        }
        weightsNode.put(weight.getKey(), Integer.parseInt(weight.getValue()));
      }
      if (!clusters.isEmpty()) {
        clusters.forEach(body.putArray("clusters")::add);
      }
      body.put(
          "requestedBy", System.getProperty("user.name", "kafleet") + " (kafleet traffic set)");
      ServiceApi api = traffic.api();
      JsonNode accepted = api.post("/api/v1/shifts", "application/json", body.toString());
      String shiftId = accepted.path("shiftId").asString();
      PrintWriter out = spec.commandLine().getOut();
      out.println("shift " + shiftId + " published to " + accepted.path("clusters"));
      if (!await) {
        return 0;
      }
      long deadline = System.nanoTime() + limit.toNanos();
      JsonNode shift = api.get("/api/v1/shifts/" + shiftId);
      while (!shift.path("completed").asBoolean() && System.nanoTime() < deadline) {
        Thread.sleep(250);
        shift = api.get("/api/v1/shifts/" + shiftId);
      }
      printClusters(out, shift);
      return shift.path("converged").asBoolean() ? 0 : 1;
    }
  }

  @Command(
      name = "history",
      mixinStandardHelpOptions = true,
      description = "Every weight change of a VirtualService, with its outcome per cluster.")
  static final class History implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private TrafficServerOption traffic;

    @Parameters(paramLabel = "VIRTUALSERVICE")
    private String virtualService;

    @Option(
        names = {"-n", "--namespace"},
        defaultValue = "default")
    private String namespace;

    @Override
    public Integer call() {
      JsonNode history =
          traffic
              .api()
              .get("/api/v1/virtualservices/" + namespace + "/" + virtualService + "/history");
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode shift : history.path("changes")) {
        List<String> outcomes = new ArrayList<>();
        shift
            .path("clusters")
            .properties()
            .forEach(c -> outcomes.add(c.getKey() + "=" + c.getValue().path("state").asString()));
        rows.add(
            List.of(
                shift.path("requestedAt").asString(),
                weights(shift.path("requested")),
                shift.path("requestedBy").asString(""),
                String.join(",", outcomes)));
      }
      Output.table(
          spec.commandLine().getOut(), List.of("REQUESTED", "WEIGHTS", "BY", "CLUSTERS"), rows);
      return 0;
    }
  }

  static String weights(JsonNode destinations) {
    List<String> parts = new ArrayList<>();
    destinations.forEach(
        d ->
            parts.add(
                d.path("subset").asString(d.path("host").asString())
                    + "="
                    + d.path("weight").asInt()));
    return String.join(",", parts);
  }

  static void printClusters(PrintWriter out, JsonNode shift) {
    List<List<String>> rows = new ArrayList<>();
    shift
        .path("clusters")
        .properties()
        .forEach(
            c ->
                rows.add(
                    List.of(
                        c.getKey(),
                        c.getValue().path("state").asString(),
                        weights(c.getValue().path("observed")),
                        c.getValue().path("message").asString(""))));
    Output.table(out, List.of("CLUSTER", "STATE", "OBSERVED", "MESSAGE"), rows);
  }
}
