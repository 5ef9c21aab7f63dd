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

    md.append(
        "## 1. Distribution latency (apply returned → WorkStatus Applied, per object and cluster)\n\n");
    md.append(
        "| backend × clusters | objects | p50 ms | p90 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
    map(json.get("distribution"))
        .forEach(
            (name, value) -> {
              Map<String, Object> d = map(value);
              md.append("| ")
                  .append(name)
                  .append(" | ")
                  .append(d.get("objects"))
                  .append(" | ")
                  .append(d.get("p50Ms"))
                  .append(" | ")
                  .append(d.get("p90Ms"))
                  .append(" | ")
                  .append(d.get("p99Ms"))
                  .append(" | ")
                  .append(d.get("maxMs"))
                  .append(" |\n");
            });

    md.append("\n## 2. Fan-out throughput (one apply → every status Applied)\n\n");
    md.append(
        "| objects | clusters | works | apply call ms | all Applied ms | works/s | latency p50 / p99 ms after the call |\n|---|---|---|---|---|---|---|\n");
    for (Object value : list(json.get("fanOut"))) {
      Map<String, Object> f = map(value);
      Map<String, Object> latency = map(f.get("latencyAfterApplyReturned"));
      md.append("| ")
          .append(f.get("objects"))
          .append(" | ")
          .append(f.get("clusters"))
          .append(" | ")
          .append(f.get("works"))
          .append(" | ")
          .append(f.get("applyCallMs"))
          .append(" | ")
          .append(f.get("allAppliedMs"))
          .append(" | ")
          .append(f.get("worksPerSecond"))
          .append(" | ")
          .append(latency.get("p50Ms"))
          .append(" / ")
          .append(latency.get("p99Ms"))
          .append(" |\n");
    }

    md.append("\n## 3. Shift convergence (POST /api/v1/shifts → last cluster's Converged)\n\n");
    md.append(
        "| clusters | shifts | p50 ms | p90 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
    for (Object value : list(json.get("shiftConvergence"))) {
      Map<String, Object> s = map(value);
      md.append("| ")
          .append(s.get("clusters"))
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
    md.append(".\n\nPhases (s): ").append(json.get("phases")).append("\n");
    return md.toString();
  }

  static String summary(Map<String, Object> json) {
    StringBuilder s = new StringBuilder("\nkafleet bench, five figures:\n");
    map(json.get("distribution"))
        .forEach(
            (name, value) -> {
              Map<String, Object> d = map(value);
              s.append(
                  String.format(
                      "1. distribution latency %-10s p50 %s ms, p90 %s ms, p99 %s ms, max %s ms%n",
                      name, d.get("p50Ms"), d.get("p90Ms"), d.get("p99Ms"), d.get("maxMs")));
            });
    for (Object value : list(json.get("fanOut"))) {
      Map<String, Object> f = map(value);
      s.append(
          String.format(
              "2. fan-out %s objects x %s clusters: %s works/s (%s works in %s ms)%n",
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
