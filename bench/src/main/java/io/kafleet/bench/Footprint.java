package io.kafleet.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Resident memory and CPU time of the processes of a run. */
final class Footprint {

  private Footprint() {}

  /**
   * This JVM (harness, registry, both services, the in-process agents and clusters), the broker,
   * and any other child (kube-apiserver, etcd).
   */
  static List<Object> processes(long brokerPid) {
    List<Object> processes = new ArrayList<>();
    processes.add(ProcessStats.of("bench JVM", ProcessHandle.current().pid()).toMap());
    processes.add(ProcessStats.of("kafka broker JVM", brokerPid).toMap());
    return processes;
  }

  /** Every process this JVM started that still runs, by its command's name. */
  static List<Object> descendants() {
    List<Object> processes = new ArrayList<>();
    ProcessHandle.current()
        .descendants()
        .forEach(
            handle -> {
              String command =
                  handle.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?");
              processes.add(ProcessStats.of(command, handle.pid()).toMap());
            });
    return processes;
  }

  static Map<String, Object> inProcess(int clusters) {
    Map<String, Object> note = new LinkedHashMap<>();
    note.put(
        "note",
        "the schema registry, placement-service, traffic-service, the harness and "
            + clusters
            + " agents with their in-memory clusters share the bench JVM; the broker is its own"
            + " JVM; the agent's own cost is measured as a separate JVM (agentJvm)");
    note.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    return note;
  }
}
