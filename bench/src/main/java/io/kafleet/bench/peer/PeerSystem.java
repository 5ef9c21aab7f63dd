package io.kafleet.bench.peer;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * One of the two systems under comparison, driven through its own public entry point: kafleet's
 * apply API, Karmada's API server. Everything else (workload, watcher, clock) is shared.
 */
sealed interface PeerSystem extends AutoCloseable permits KafleetPeer, KarmadaPeer {

  String name();

  /** A client of each member's API server, by member name. */
  Map<String, KubernetesClient> members();

  /**
   * Submits the objects of a multi-document YAML through the system's usual path and returns the
   * {@link System#nanoTime()} taken just before the first request was sent.
   */
  long submit(List<String> documents);

  /**
   * Stops the control plane's controllers gracefully and starts them again; returns the {@link
   * System#nanoTime()} at which the new processes were started.
   */
  long restartControlPlane();

  /** Submits one object as soon as the restarted control plane accepts it. */
  void submitWhenAccepted(String document);

  /** The control plane's processes (name → pid) and one agent's, for memory and CPU. */
  Map<String, Long> controlPlaneProcesses();

  long agentPid();

  @Override
  void close();
}
