package io.kafleet.bench;

import java.util.List;
import java.util.Map;

/** A run's JSON tree as Markdown tables, and the five figures as a short summary. */
final class Markdown {

  private Markdown() {}

  static String of(Map<String, Object> json) {
    StringBuilder md = new StringBuilder();
    Map<String, Object> run = map(json.get("run"));
    Map<String, Object> machine = map(json.get("machine"));
    md.append("# kafleet bench: ")
        .append(run.get("mode"))
        .append(" run, ")
        .append(run.get("startedAt"))
        .append("\n\n");
    md.append("Machine: ")
        .append(machine.get("cores"))
        .append(" cores, ")
        .append(machine.get("memoryMiB"))
        .append(" MiB, ")
        .append(machine.get("os"))
        .append(", ")
        .append(machine.get("java"))
        .append(". Versions: ")
        .append(json.get("versions"))
        .append(". Backend: ")
        .append(run.get("backend"))
        .append(". Duration: ")
        .append(run.get("durationSeconds"))
        .append(" s. ")
        .append(machine.get("note"))
        .append(".\n\nParameters: ")
        .append(json.get("parameters"))
        .append("\n\n");

    appendFloor(md, json);
    appendDistribution(md, json);

    md.append(
        "\n## 2. Fan-out throughput (one apply of N objects → every cluster's WorkStatus"
            + " Applied)\n\n");
    md.append(
        "Works/s counts from the apply request sent to the last Applied. The fleet column is the"
            + " number of works already placed when the row started.\n\n");
    md.append(
        "| backend | objects | clusters | works | fleet works | apply call ms | all Applied ms |"
            + " works/s | latency p50 / p99 ms from the request sent | p50 / p99 ms after the call"
            + " returned |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for (Object value : list(json.get("fanOut"))) {
      Map<String, Object> f = map(value);
      Map<String, Object> fromSent = map(f.get("latencyFromRequestSent"));
      Map<String, Object> latency = map(f.get("latencyAfterApplyReturned"));
      md.append("| ")
          .append(f.getOrDefault("backend", "memory"))
          .append(" | ")
          .append(f.get("objects"))
          .append(" | ")
          .append(f.get("clusters"))
          .append(" | ")
          .append(f.get("works"))
          .append(" | ")
          .append(f.get("fleetWorks"))
          .append(" | ")
          .append(f.get("applyCallMs"))
          .append(" | ")
          .append(f.get("allAppliedMs"))
          .append(" | ")
          .append(f.get("worksPerSecond"))
          .append(" | ")
          .append(fromSent.get("p50Ms"))
          .append(" / ")
          .append(fromSent.get("p99Ms"))
          .append(" | ")
          .append(latency.get("p50Ms"))
          .append(" / ")
          .append(latency.get("p99Ms"))
          .append(" |\n");
    }

    md.append("\n## 3. Shift convergence (POST /api/v1/shifts → last cluster's Converged)\n\n");
    md.append(
        "| clusters | fleet works | shifts | p50 ms | p90 ms | p99 ms | max ms | p99 × floor"
            + " |\n|---|---|---|---|---|---|---|---|\n");
    Map<String, Object> multiples = map(json.get("floorMultiples"));
    for (Object value : list(json.get("shiftConvergence"))) {
      Map<String, Object> s = map(value);
      md.append("| ")
          .append(s.get("clusters"))
          .append(" | ")
          .append(s.get("fleetWorks"))
          .append(" | ")
          .append(s.get("samples"))
          .append(" | ")
          .append(s.get("p50Ms"))
          .append(" | ")
          .append(s.get("p90Ms"))
          .append(" | ")
          .append(s.get("p99Ms"))
          .append(" | ")
          .append(s.get("maxMs"))
          .append(" | ")
          .append(orDash(multiples.get("shift" + s.get("clusters") + "P99")))
          .append(" |\n");
    }

    Map<String, Object> recovery = map(json.get("recovery"));
    Map<String, Object> placement = map(recovery.get("placementService"));
    Map<String, Object> agent = map(recovery.get("agent"));
    md.append(
        "\n## 4. Recovery\n\n| what | works / objects | time ms | re-emitted records |\n|---|---|---|---|\n");
    md.append("| placement-service restart → serves GET /api/v1/objects (context up: ")
        .append(placement.get("contextStartedMs"))
        .append(" ms) | ")
        .append(placement.get("works"))
        .append(" | ")
        .append(placement.get("servesReadsMs"))
        .append(" | ")
        .append(placement.get("reEmittedRecords"))
        .append(" |\n");
    md.append("| placement-service restart → status current again (")
        .append(placement.get("statusProbe"))
        .append(" Healthy in every cluster) | ")
        .append(placement.get("works"))
        .append(" | ")
        .append(placement.get("statusCurrentMs"))
        .append(" | – |\n");
    md.append("| agent restart → every work reported again (")
        .append(agent.get("cluster"))
        .append(") | ")
        .append(agent.get("objects"))
        .append(" | ")
        .append(agent.get("startUpReconcileMs"))
        .append(" | – |\n");

    Map<String, Object> footprint = map(json.get("footprint"));
    Map<String, Object> agentJvm = map(footprint.get("agentJvm"));
    md.append(
        "\n## 5. Footprint and registration\n\n| process | RSS MiB | peak RSS MiB | CPU s |\n|---|---|---|---|\n");
    for (Object value : list(footprint.get("processes"))) {
      appendProcess(md, map(value));
    }
    appendProcess(md, map(agentJvm.get("process")));
    if (json.get("footprintKube") != null) {
      for (Object value : list(json.get("footprintKube"))) {
        appendProcess(md, map(value));
      }
    }
    md.append("\n")
        .append(map(footprint.get("oneJvm")).get("note"))
        .append(". The agent JVM (")
        .append(agentJvm.get("jvmOptions"))
        .append(") managed ")
        .append(agentJvm.get("objects"))
        .append(" objects, all Applied ")
        .append(agentJvm.get("allAppliedMs"))
        .append(" ms after the apply.\n\n");
    Map<String, Object> registration = map(json.get("registration"));
    md.append("Registration (agent start → Ready in GET /api/v1/clusters): in-process agents ")
        .append(registration.get("inProcessAgents"))
        .append("; agent JVM ")
        .append(registration.get("agentJvmMs"))
        .append(" ms");
    if (registration.get("kubeAgents") != null) {
      md.append("; with a real kube-apiserver ").append(registration.get("kubeAgents"));
    }
    md.append(".\n");
    appendCli(md, json);
    md.append("\nPhases (s): ").append(json.get("phases")).append("\n");
    return md.toString();
  }

  private static void appendFloor(StringBuilder md, Map<String, Object> json) {
    Map<String, Object> floor = map(json.get("floor"));
    Map<String, Object> kafka = map(floor.get("kafka"));
    md.append(
        "## 0. The floor (the parts on their own, same broker and API servers, same run)\n\n");
    md.append(
        "- **Kafka produce→consume**: a plain producer (acks=all, linger 0) writes one "
            + kafka.get("recordBytes")
            + "-byte record to a topic of its own on the bench's broker; a consumer already"
            + " polling it (read_committed) receives it. One record at a time.\n"
            + "- **Kafka produce acknowledged**: the same send, until the broker's ack.\n"
            + "- **Kafka transaction**: begin, send one such record, commit (a transactional"
            + " producer), until the commit returns.\n"
            + "- **Server-side apply**: one new ConfigMap (the bench's shape) applied with fabric8,"
            + " field manager `kafleet`, force, from the bench JVM; one at a time. `memory` is the"
            + " dev stack's in-memory API server (not a real one), `kube` a real kube-apiserver"
            + " with etcd.\n\n");
    md.append(
        "| floor | samples | p50 ms | p90 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
    appendPercentiles(md, "Kafka produce→consume (1 KiB)", map(kafka.get("produceToConsume")));
    appendPercentiles(md, "Kafka produce acknowledged", map(kafka.get("produceAcknowledged")));
    appendPercentiles(md, "Kafka one-record transaction", map(kafka.get("transactionCommit")));
    map(floor.get("serverSideApply"))
        .forEach(
            (backend, value) ->
                appendPercentiles(md, "server-side apply, " + backend + " API server", map(value)));
    md.append("\n");
  }

  private static void appendDistribution(StringBuilder md, Map<String, Object> json) {
    Map<String, Object> distribution = map(json.get("distribution"));
    Map<String, Object> multiples = map(json.get("floorMultiples"));
    md.append(
        "## 1. Distribution latency of one object (apply request sent → each cluster)\n\n"
            + "One ConfigMap per apply call, one call after the other, each to every cluster of"
            + " the row; `-smallfleet` rows are taken before the rest of the fleet is built. The"
            + " clock starts just before the HTTP request is written. **Applied** is the agent's"
            + " WorkStatus arriving at the bench's consumer of the cluster's status topic; **in"
            + " member** is the object's ADDED event arriving on a watch of the member's API"
            + " server. The floor is Kafka produce→consume + one server-side apply on that kind of"
            + " API server (section 0), percentile by percentile.\n\n");
    md.append(
        "| backend × clusters | fleet works | samples | → Applied p50 ms | p90 ms | p99 ms | max"
            + " ms | → in member p50 ms | p99 ms | floor p50 / p99 ms | Applied p50 / p99 ×"
            + " floor | in member p99 × floor |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    distribution.forEach(
        (name, value) -> {
          Map<String, Object> d = map(value);
          Map<String, Object> applied = map(d.get("fromRequestSentToApplied"));
          Map<String, Object> member = map(d.get("fromRequestSentToInMember"));
          Map<String, Object> m = map(multiples.get(name));
          md.append("| ")
              .append(name)
              .append(" | ")
              .append(d.get("fleetWorks"))
              .append(" | ")
              .append(applied.get("samples"))
              .append(" | ")
              .append(applied.get("p50Ms"))
              .append(" | ")
              .append(applied.get("p90Ms"))
              .append(" | ")
              .append(applied.get("p99Ms"))
              .append(" | ")
              .append(applied.get("maxMs"))
              .append(" | ")
              .append(member.get("p50Ms"))
              .append(" | ")
              .append(member.get("p99Ms"))
              .append(" | ")
              .append(orDash(m.get("floorP50Ms")))
              .append(" / ")
              .append(orDash(m.get("floorP99Ms")))
              .append(" | ")
              .append(orDash(m.get("toAppliedP50")))
              .append(" / ")
              .append(orDash(m.get("toAppliedP99")))
              .append(" | ")
              .append(orDash(m.get("inMemberP99")))
              .append(" |\n");
        });
    md.append(
        "\n### 1b. The apply call (request sent → answer read)\n\n"
            + "The floor here is one one-record Kafka transaction (section 0).\n\n");
    md.append(
        "| backend × clusters | fleet works | calls | p50 ms | p90 ms | p99 ms | max ms | p99 ×"
            + " transaction p99 |\n|---|---|---|---|---|---|---|---|\n");
    distribution.forEach(
        (name, value) -> {
          Map<String, Object> d = map(value);
          Map<String, Object> call = map(d.get("applyCall"));
          md.append("| ").append(name).append(" | ").append(d.get("fleetWorks")).append(" | ");
          appendCells(md, call);
          md.append(" | ")
              .append(orDash(map(multiples.get(name)).get("applyCallP99OverTransactionP99")))
              .append(" |\n");
        });
    multiples.forEach(
        (name, value) -> {
          if (name.endsWith("-applyCallP99FleetRatio")) {
            md.append("\nApply call p99, whole fleet ÷ small fleet (")
                .append(name, 0, name.indexOf('-'))
                .append("): ")
                .append(value)
                .append(".\n");
          }
        });
    md.append(
        "\n### 1c. After the call returned (apply call returned → WorkStatus Applied)\n\n"
            + "The figure earlier runs reported as the distribution latency: it leaves out the"
            + " apply call itself, so it reads 0 when the status arrives before the call's answer"
            + " does.\n\n");
    md.append(
        "| backend × clusters | samples | p50 ms | p90 ms | p99 ms | max ms |\n"
            + "|---|---|---|---|---|---|\n");
    distribution.forEach(
        (name, value) ->
            appendPercentiles(md, name, map(map(value).get("afterCallReturnedToApplied"))));
    md.append("\n");
  }

  private static void appendCli(StringBuilder md, Map<String, Object> json) {
    Map<String, Object> cli = map(json.get("cliStartup"));
    if (cli.isEmpty()) {
      return;
    }
    md.append("\n## 6. CLI start-up\n\n")
        .append("The repo's launcher (")
        .append(cli.get("launcher"))
        .append(") run as a user runs it, from the process's start to its exit, ")
        .append(cli.get("runs"))
        .append(
            " timed runs of each command after one untimed run; `get clusters` asks the"
                + " bench's placement-service.\n\n")
        .append(
            "| command | median ms | min ms | max ms | untimed first run ms |\n"
                + "|---|---|---|---|---|\n");
    if (cli.get("failure") != null) {
      md.append("Not measured: ").append(cli.get("failure")).append("\n");
    }
    cli.forEach(
        (command, value) -> {
          if (value instanceof Map<?, ?>) {
            Map<String, Object> c = map(value);
            md.append("| `")
                .append(command)
                .append("` | ")
                .append(c.get("medianMs"))
                .append(" | ")
                .append(c.get("minMs"))
                .append(" | ")
                .append(c.get("maxMs"))
                .append(" | ")
                .append(c.get("untimedFirstRunMs"))
                .append(
                    list(c.get("launcherOnFirstRun")).isEmpty()
                        ? ""
                        : " (the launcher said: " + c.get("launcherOnFirstRun") + ")")
                .append(" |\n");
          }
        });
  }

  private static void appendPercentiles(StringBuilder md, String name, Map<String, Object> p) {
    md.append("| ").append(name).append(" | ");
    appendCells(md, p);
    md.append(" |\n");
  }

  private static void appendCells(StringBuilder md, Map<String, Object> p) {
    md.append(p.get("samples"))
        .append(" | ")
        .append(p.get("p50Ms"))
        .append(" | ")
        .append(p.get("p90Ms"))
        .append(" | ")
        .append(p.get("p99Ms"))
        .append(" | ")
        .append(p.get("maxMs"));
  }

  private static String orDash(Object value) {
    return value == null ? "–" : value.toString();
  }

  static String summary(Map<String, Object> json) {
    StringBuilder s = new StringBuilder("\nkafleet bench, the figures:\n");
    Map<String, Object> kafka = map(map(json.get("floor")).get("kafka"));
    s.append(
        String.format(
            "0. floor: Kafka produce→consume 1 KiB p50 %s ms, p99 %s ms; transaction p99 %s ms;"
                + " server-side apply %s%n",
            map(kafka.get("produceToConsume")).get("p50Ms"),
            map(kafka.get("produceToConsume")).get("p99Ms"),
            map(kafka.get("transactionCommit")).get("p99Ms"),
            map(map(json.get("floor")).get("serverSideApply"))));
    Map<String, Object> multiples = map(json.get("floorMultiples"));
    map(json.get("distribution"))
        .forEach(
            (name, value) -> {
              Map<String, Object> d = map(value);
              Map<String, Object> applied = map(d.get("fromRequestSentToApplied"));
              Map<String, Object> call = map(d.get("applyCall"));
              Map<String, Object> m = map(multiples.get(name));
              s.append(
                  String.format(
                      "1. distribution %-22s (fleet %s works) from the request sent: p50 %s ms,"
                          + " p99 %s ms (%s × floor); in member p99 %s ms; apply call p50 %s ms,"
                          + " p99 %s ms; after the call returned p99 %s ms%n",
                      name,
                      d.get("fleetWorks"),
                      applied.get("p50Ms"),
                      applied.get("p99Ms"),
                      orDash(m.get("toAppliedP99")),
                      map(d.get("fromRequestSentToInMember")).get("p99Ms"),
                      call.get("p50Ms"),
                      call.get("p99Ms"),
                      map(d.get("afterCallReturnedToApplied")).get("p99Ms")));
            });
    for (Object value : list(json.get("fanOut"))) {
      Map<String, Object> f = map(value);
      s.append(
          String.format(
              "2. fan-out %s %s objects x %s clusters: %s works/s (%s works in %s ms)%n",
              f.getOrDefault("backend", "memory"),
              f.get("objects"),
              f.get("clusters"),
              f.get("worksPerSecond"),
              f.get("works"),
              f.get("allAppliedMs")));
    }
    for (Object value : list(json.get("shiftConvergence"))) {
      Map<String, Object> sh = map(value);
      s.append(
          String.format(
              "3. shift convergence, %s clusters: p50 %s ms, p99 %s ms (%s shifts)%n",
              sh.get("clusters"), sh.get("p50Ms"), sh.get("p99Ms"), sh.get("samples")));
    }
    Map<String, Object> recovery = map(json.get("recovery"));
    Map<String, Object> placement = map(recovery.get("placementService"));
    Map<String, Object> agent = map(recovery.get("agent"));
    s.append(
        String.format(
            "4. recovery: placement-service serves reads %s ms after start with %s works, status"
                + " current %s ms, %s records re-emitted; agent start-up reconcile of %s objects"
                + " %s ms%n",
            placement.get("servesReadsMs"),
            placement.get("works"),
            placement.get("statusCurrentMs"),
            placement.get("reEmittedRecords"),
            agent.get("objects"),
            agent.get("startUpReconcileMs")));
    Map<String, Object> footprint = map(json.get("footprint"));
    Map<String, Object> agentJvm = map(footprint.get("agentJvm"));
    Map<String, Object> process = map(agentJvm.get("process"));
    Map<String, Object> registration = map(json.get("registration"));
    s.append(
        String.format(
            "5. footprint: agent JVM with %s objects RSS %s MiB (peak %s MiB, CPU %s s); registration"
                + " p50 %s ms (in-process agents), %s ms (agent JVM)%n",
            agentJvm.get("objects"),
            process.get("rssMiB"),
            process.get("peakRssMiB"),
            process.get("cpuSeconds"),
            map(registration.get("inProcessAgents")).get("p50Ms"),
            registration.get("agentJvmMs")));
    Object cliFailure = map(json.get("cliStartup")).get("failure");
    if (cliFailure != null) {
      s.append("CLI start-up not measured: ").append(cliFailure).append("\n");
    }
    map(json.get("cliStartup"))
        .forEach(
            (command, value) -> {
              if (value instanceof Map<?, ?>) {
                s.append(
                    String.format(
                        "6. CLI start-up: %s median %s ms%n", command, map(value).get("medianMs")));
              }
            });
    return s.toString();
  }

  private static void appendProcess(StringBuilder md, Map<String, Object> p) {
    md.append("| ")
        .append(p.get("process"))
        .append(" | ")
        .append(p.get("rssMiB"))
        .append(" | ")
        .append(p.get("peakRssMiB"))
        .append(" | ")
        .append(p.get("cpuSeconds"))
        .append(" |\n");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return value == null ? List.of() : (List<Object>) value;
  }
}
