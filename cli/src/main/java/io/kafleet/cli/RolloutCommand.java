package io.kafleet.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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

/** {@code kafleet rollout start|promote|pause|resume|abort|status}: progressive rollouts. */
@Command(
    name = "rollout",
    mixinStandardHelpOptions = true,
    description = "Move a VirtualService route from a stable to a canary subset, step by step.",
    subcommands = {
      RolloutCommand.Start.class,
      RolloutCommand.Promote.class,
      RolloutCommand.Pause.class,
      RolloutCommand.Resume.class,
      RolloutCommand.Abort.class,
      RolloutCommand.Status.class
    })
final class RolloutCommand implements Runnable {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration POLL = Duration.ofMillis(500);

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = "Start a rollout; prints its id (with --wait, its progress until it ends).")
  static final class Start implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private TrafficCommand.TrafficServerOption traffic;

    @Parameters(paramLabel = "VIRTUALSERVICE")
    private String virtualService;

    @Option(names = "--stable", required = true, description = "The stable subset, e.g. blue.")
    private String stable;

    @Option(names = "--canary", required = true, description = "The canary subset, e.g. green.")
    private String canary;

    @Option(
        names = "--steps",
        required = true,
        description =
            "Canary weights with their pauses, e.g. 20:60,50:promote,100. WEIGHT alone moves on"
                + " once the step's gates pass; WEIGHT:60 (or 90s, 5m) pauses that long first;"
                + " WEIGHT:promote waits for `kafleet rollout promote`. :checks=N wants N passing"
                + " analysis checks in a row (default 1); :header=NAME:exact|prefix|regex:VALUE"
                + " (last) sends matching requests to the canary during the step, e.g."
                + " 0:checks=5:header=x-canary:exact:true,100.")
    private String steps;

    @Option(
        names = "--waves",
        description = "Cluster waves in order, ';' between waves: member1;member2,member3.")
    private String waves;

    @Option(
        names = "--wave",
        description = "One wave's clusters (comma-separated); repeat for the next waves.")
    private List<String> wave = List.of();

    @Option(names = "--webhook", description = "URL that must answer 2xx before each wave passes.")
    private String webhook;

    @Option(
        names = "--require-canary-healthy",
        description = "Each wave also waits for the canary Deployment to be Healthy.")
    private boolean requireCanaryHealthy;

    @Option(
        names = "--step-timeout",
        description = "How long a step's gates may take before the rollout aborts (default 300s).")
    private String stepTimeout;

    @Option(
        names = "--metric",
        paramLabel = "NAME:MIN..MAX[@WINDOW][=PROMQL]",
        description =
            "A metric every step's analysis checks in every cluster, e.g."
                + " request-success-rate:99.. or request-duration:..500@1m (built-ins), or"
                + " 'errors:..1=sum(rate(...{namespace=\"{{ namespace }}\"}[{{ interval }}]))';"
                + " repeat for more.")
    private List<String> metrics = List.of();

    @Option(
        names = "--analysis-interval",
        description = "How often the metrics are checked (default 60s; needs --metric).")
    private String analysisInterval;

    @Option(
        names = "--threshold",
        description =
            "Failed checks in a row in one cluster that roll the rollout back (default 5; needs"
                + " --metric).")
    private Integer threshold;

    @Option(
        names = {"-n", "--namespace"},
        defaultValue = "default",
        description = "The VirtualService's namespace (default ${DEFAULT-VALUE}).")
    private String namespace;

    @Option(names = "--route", description = "The route's name or index (default: route 0).")
    private String route;

    @Option(names = "--id", description = "The rollout's id (default: a new one).")
    private String id;

    @Option(names = "--wait", description = "Show the progress until the rollout ends.")
    private boolean await;

    @Option(names = "--timeout", description = "How long --wait waits (default: until the end).")
    private String timeout;

    @Override
    public Integer call() throws InterruptedException {
      ObjectNode body = JSON.createObjectNode();
      if (id != null) {
        body.put("correlationId", id);
      }
      body.putObject("virtualService").put("namespace", namespace).put("name", virtualService);
      if (route != null) {
        if (route.matches("\\d+")) {
          body.put("routeIndex", Integer.parseInt(route));
        } else {
          body.put("routeName", route);
        }
      }
      body.put("stableSubset", stable).put("canarySubset", canary);
      var stepsNode = body.putArray("steps");
      for (RolloutSteps.Step step : RolloutSteps.parse(steps)) {
        ObjectNode stepNode =
            stepsNode
                .addObject()
                .put("canaryWeight", step.canaryWeight())
                .put("pauseSeconds", step.pauseSeconds());
        if (step.testHeader() != null) {
          RolloutSteps.TestHeader header = step.testHeader();
          stepNode
              .putArray("testMatches")
              .addObject()
              .putObject("headers")
              .putObject(header.name())
              .put(header.kind(), header.value());
        }
        if (step.checks() != null) {
          stepNode.put("checks", step.checks());
        }
      }
      ObjectNode analysis = analysis();
      if (analysis != null) {
        body.set("analysis", analysis);
      }
      List<List<String>> parsedWaves = RolloutSteps.waves(waves, wave);
      if (!parsedWaves.isEmpty()) {
        var wavesNode = body.putArray("waves");
        for (List<String> clusters : parsedWaves) {
          var waveNode = wavesNode.addArray();
          clusters.forEach(waveNode::add);
        }
      }
      ObjectNode gates = JSON.createObjectNode();
      if (requireCanaryHealthy) {
        gates.put("requireCanaryHealthy", true);
      }
      if (webhook != null) {
        gates.put("webhookUrl", webhook);
      }
      if (stepTimeout != null) {
        gates.put("stepTimeoutSeconds", Durations.parse("--step-timeout", stepTimeout).toSeconds());
      }
      if (!gates.isEmpty()) {
        body.set("gates", gates);
      }
      body.put("requestedBy", user() + " (kafleet rollout start)");
      Duration limit = timeout == null ? null : Durations.parse("--timeout", timeout);

      ServiceApi api = traffic.api();
      JsonNode accepted = api.post("/api/v1/rollouts", "application/json", body.toString());
      String rolloutId = accepted.path("rolloutId").asString();
      PrintWriter out = spec.commandLine().getOut();
      out.println("rollout " + rolloutId + " started");
      return await ? watch(api, rolloutId, out, limit) : 0;
    }

    /** The analysis the metric options ask for; null without any --metric. */
    private ObjectNode analysis() {
      if (metrics.isEmpty()) {
        if (analysisInterval != null || threshold != null) {
          throw new CliException(
              (analysisInterval != null ? "--analysis-interval" : "--threshold")
                  + " needs at least one --metric to check");
        }
        return null;
      }
      ObjectNode analysis = JSON.createObjectNode();
      if (analysisInterval != null) {
        analysis.put(
            "intervalSeconds",
            Durations.parse("--analysis-interval", analysisInterval).toSeconds());
      }
      if (threshold != null) {
        analysis.put("threshold", threshold);
      }
      var metricsNode = analysis.putArray("metrics");
      for (String text : metrics) {
        RolloutSteps.Metric metric = RolloutSteps.metric(text);
        ObjectNode node = metricsNode.addObject().put("name", metric.name());
        if (metric.query() != null) {
          node.put("query", metric.query());
        }
        if (metric.min() != null) {
          node.put("min", metric.min());
        }
        if (metric.max() != null) {
          node.put("max", metric.max());
        }
        if (metric.windowSeconds() != null) {
          node.put("windowSeconds", metric.windowSeconds());
        }
      }
      return analysis;
    }
  }

  /** The commands on one rollout that answer its state: promote, pause, resume and abort. */
  abstract static class Act implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private TrafficCommand.TrafficServerOption traffic;

    @Parameters(paramLabel = "ID", description = "The rollout's id, as start printed it.")
    private String id;

    /** e.g. {@code promote?to=full} or {@code pause?by=alice}. */
    abstract String action();

    abstract String done();

    @Override
    public Integer call() {
      JsonNode rollout = traffic.api().post(path(id) + "/" + action(), "application/json", "");
      spec.commandLine()
          .getOut()
          .println("rollout " + id + " " + done() + ": " + RolloutView.progress(rollout));
      return 0;
    }
  }

  @Command(
      name = "promote",
      mixinStandardHelpOptions = true,
      description = "Move on to the next step now, or with --full straight to 100% canary.")
  static final class Promote extends Act {

    @Option(names = "--full", description = "Go to 100% canary, skipping the remaining steps.")
    private boolean full;

    @Override
    String action() {
      return full ? "promote?to=full" : "promote";
    }

    @Override
    String done() {
      return "promoted";
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true, description = "Freeze a rollout.")
  static final class Pause extends Act {
    @Override
    String action() {
      return "pause?by=" + ServiceApi.encode(user());
    }

    @Override
    String done() {
      return "paused";
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Resume a paused rollout; its step's pause and timeout start again.")
  static final class Resume extends Act {
    @Override
    String action() {
      return "resume?by=" + ServiceApi.encode(user());
    }

    @Override
    String done() {
      return "resumed";
    }
  }

  @Command(
      name = "abort",
      mixinStandardHelpOptions = true,
      description = "Abort a rollout: every cluster of it goes back to 100% stable.")
  static final class Abort extends Act {
    @Override
    String action() {
      return "abort?by=" + ServiceApi.encode(user());
    }

    @Override
    String done() {
      return "aborted";
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Show where a rollout stands (with --watch, its progress until it ends).")
  static final class Status implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private TrafficCommand.TrafficServerOption traffic;

    @Parameters(paramLabel = "ID")
    private String id;

    @Option(
        names = {"-o", "--output"},
        defaultValue = "table",
        description = "json or yaml.")
    private String output;

    @Option(
        names = {"-w", "--watch"},
        description = "Show the progress until the rollout ends; exit 1 unless it completed.")
    private boolean watch;

    @Option(names = "--timeout", description = "How long --watch waits (default: until the end).")
    private String timeout;

    @Override
    public Integer call() throws InterruptedException {
      ServiceApi api = traffic.api();
      PrintWriter out = spec.commandLine().getOut();
      if (watch) {
        return watch(api, id, out, timeout == null ? null : Durations.parse("--timeout", timeout));
      }
      JsonNode rollout = api.get(path(id));
      if (!Output.structured(out, output, rollout)) {
        RolloutView.describe(out, rollout);
      }
      return 0;
    }
  }

  /**
   * Prints a line whenever the rollout moves, until it ends: 0 when it completed, 1 otherwise.
   *
   * @param limit null waits until the end
   */
  static int watch(ServiceApi api, String id, PrintWriter out, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + (limit == null ? 0 : limit.toNanos());
    String last = null;
    while (true) {
      JsonNode rollout = api.get(path(id));
      String progress = RolloutView.progress(rollout);
      if (!progress.equals(last)) {
        out.println(progress);
        out.flush();
        last = progress;
      }
      if (RolloutView.finished(rollout)) {
        if (rollout.path("status").asString().equals("COMPLETED")) {
          return 0;
        }
        throw new CliException(
            "rollout "
                + id
                + " "
                + rollout.path("status").asString().toLowerCase(Locale.ROOT)
                + (rollout.hasNonNull("message") ? ": " + rollout.path("message").asString() : ""));
      }
      if (limit != null && System.nanoTime() - deadline > 0) {
        throw new CliException(
            "rollout " + id + " has not ended within " + Durations.format(limit) + ": " + progress);
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private static String path(String id) {
    return "/api/v1/rollouts/" + ServiceApi.encode(id);
  }

  private static String user() {
    return System.getProperty("user.name", "kafleet");
  }
}
