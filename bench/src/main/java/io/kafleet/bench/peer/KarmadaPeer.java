package io.kafleet.bench.peer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Karmada in pull mode as bench/peer/karmada/up.sh starts it from the caller's binaries, driven
 * through its API server as kubectl would drive it.
 */
final class KarmadaPeer implements PeerSystem {

  /**
   * Objects are created this many at a time: kubectl creates one after the other, a client of
   * Karmada's API that wants speed creates several at once.
   */
  static final int PARALLEL_CREATES = 8;

  private final PeerSettings settings;
  private final Path state;
  private final KubernetesClient controlPlane;
  private final Map<String, KubernetesClient> members = new LinkedHashMap<>();
  private final ExecutorService creators = Executors.newFixedThreadPool(PARALLEL_CREATES);

  private KarmadaPeer(PeerSettings settings, Path state) {
    this.settings = settings;
    this.state = state;
    this.controlPlane = KafleetPeer.client(state.resolve("karmada.kubeconfig"));
    for (String member : settings.memberNames()) {
      members.put(member, KafleetPeer.client(state.resolve("karmada-" + member + ".kubeconfig")));
    }
  }

  static KarmadaPeer start(PeerSettings settings) {
    Path state = settings.state().toAbsolutePath().resolve("karmada");
    Processes.createDirectories(state);
    try {
      Processes.script(
          state.resolve("up.log"),
          "bash",
          "bench/peer/karmada/up.sh",
          "--bin",
          settings.karmadaBin().toAbsolutePath().toString(),
          "--source",
          settings.karmadaSource().toAbsolutePath().toString(),
          "--state",
          state.toString(),
          "--members",
          String.valueOf(settings.members()));
      return new KarmadaPeer(settings, state);
    } catch (RuntimeException e) {
      down(state);
      throw e;
    }
  }

  @Override
  public String name() {
    return "karmada";
  }

  @Override
  public Map<String, KubernetesClient> members() {
    return members;
  }

  /** Every object created through Karmada's API server, {@link #PARALLEL_CREATES} at a time. */
  @Override
  public long submit(List<String> documents) {
    List<HasMetadata> objects =
        documents.stream()
            .<HasMetadata>map(
                document -> controlPlane.getKubernetesSerialization().unmarshal(document))
            .toList();
    long sent = System.nanoTime();
    List<Future<?>> created = new ArrayList<>();
    for (HasMetadata object : objects) {
      created.add(creators.submit(() -> controlPlane.resource(object).serverSideApply()));
    }
    for (Future<?> future : created) {
      try {
        future.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("Karmada's API server refused an object", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    return sent;
  }

  @Override
  public long restartControlPlane() {
    Processes.stop(pid("controller-manager"));
    Processes.stop(pid("scheduler"));
    long started = System.nanoTime();
    Processes.script(
        state.resolve("up.log"),
        "bash",
        "bench/peer/karmada/controllers.sh",
        "--bin",
        settings.karmadaBin().toAbsolutePath().toString(),
        "--state",
        state.toString());
    return started;
  }

  @Override
  public void submitWhenAccepted(String document) {
    while (true) {
      try {
        submit(List.of(document));
        return;
      } catch (IllegalStateException | KubernetesClientException e) {
        KafleetPeer.pause(20);
      }
    }
  }

  @Override
  public Map<String, Long> controlPlaneProcesses() {
    Map<String, Long> processes = new LinkedHashMap<>();
    for (String name :
        List.of(
            "etcd-karmada",
            "apiserver-karmada",
            "aggregated-apiserver",
            "webhook",
            "controller-manager",
            "scheduler")) {
      processes.put(name, pid(name));
    }
    return processes;
  }

  @Override
  public long agentPid() {
    return pid("agent-" + settings.memberNames().get(0));
  }

  private long pid(String process) {
    return Processes.pidIn(state.resolve("pids").resolve(process));
  }

  @Override
  public void close() {
    creators.shutdownNow();
    members.values().forEach(KubernetesClient::close);
    controlPlane.close();
    down(state);
  }

  private static void down(Path state) {
    Processes.script(
        state.resolve("up.log"), "bash", "bench/peer/down.sh", "--state", state.toString());
  }
}
