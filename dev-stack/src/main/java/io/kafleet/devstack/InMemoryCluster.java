package io.kafleet.devstack;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A member cluster's API server held in memory: fabric8's mock web server (kubernetes-server-mock)
 * answering through kafleet's {@link InMemoryApiServer}, whose store is hashed by object, so that
 * 10,000 objects cost a request no more than ten. It stores the applied objects and answers reads,
 * nothing more: NOT a real kube-apiserver (no validation, field ownership, conflicts, admission or
 * controllers). Costs a few MiB and no process.
 */
public final class InMemoryCluster implements AutoCloseable {

  /** What it is, for whoever reads where a member lives. */
  public static final String DESCRIPTION =
      "in-memory API server (fabric8 mock web server, kafleet store) — NOT a real"
          + " kube-apiserver: no validation, field ownership, conflicts or controllers";

  /**
   * The mock web server logs every request it serves at INFO (java.util.logging): at thousands of
   * requests a second that is a cost of its own and buries every other line. Held here, as
   * java.util.logging keeps loggers only weakly.
   */
  private static final Logger REQUEST_LOG = quiet(Logger.getLogger(MockWebServer.class.getName()));

  private final KubernetesMockServer server;
  private final ScheduledExecutorService housekeeping;

  private InMemoryCluster(KubernetesMockServer server, ScheduledExecutorService housekeeping) {
    this.server = server;
    this.housekeeping = housekeeping;
  }

  /** Starts one on a free port of localhost. */
  public static InMemoryCluster start() {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), new InMemoryApiServer(), false);
    server.init();
    ScheduledExecutorService housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "in-memory-cluster-housekeeping");
              thread.setDaemon(true);
              return thread;
            });
    InMemoryCluster cluster = new InMemoryCluster(server, housekeeping);
    housekeeping.scheduleWithFixedDelay(cluster::dropRecordedRequests, 2, 2, TimeUnit.SECONDS);
    return cluster;
  }

  private static Logger quiet(Logger logger) {
    logger.setLevel(Level.WARNING);
    return logger;
  }

  public KubernetesClient newClient() {
    return server.createClient();
  }

  /** A kubeconfig for it (plain HTTP, no credentials), for kubectl or any client. */
  public String kubeconfig() {
    String url = "http://localhost:" + server.getPort();
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: memory
          cluster: {server: "%s"}
        users:
        - name: memory
          user: {}
        contexts:
        - name: memory
          context: {cluster: memory, user: memory, namespace: default}
        current-context: memory
        """
        .formatted(url);
  }

  /**
   * The mock server keeps every request it served, for tests to inspect; nobody inspects these, so
   * they are dropped (every 2 s) before they add up to gigabytes.
   */
  private void dropRecordedRequests() {
    try {
      while (server.takeRequest(1, TimeUnit.MILLISECONDS) != null) {
        // dropped
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    housekeeping.shutdownNow();
    server.destroy();
  }
}
