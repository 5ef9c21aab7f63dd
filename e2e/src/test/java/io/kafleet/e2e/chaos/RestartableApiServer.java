package io.kafleet.e2e.chaos;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubeapitest.KubeAPIServerConfig;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubeapitest.binary.BinaryManager;
import io.fabric8.kubeapitest.cert.CertManager;
import io.fabric8.kubeapitest.kubeconfig.KubeConfig;
import io.fabric8.kubeapitest.process.EtcdProcess;
import io.fabric8.kubeapitest.process.KubeAPIServerProcess;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member's real kube-apiserver and etcd (the binaries kube-api-test runs), where the
 * kube-apiserver alone can be killed with SIGKILL and started again on the same port and etcd, so
 * that the agent's kubeconfig stays valid and the member keeps what it stored. kube-api-test's own
 * {@code KubeAPIServer} stops everything, etcd's data included, when its kube-apiserver dies; here
 * its parts are put together with a handler that leaves etcd running.
 */
final class RestartableApiServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RestartableApiServer.class);

  private final String name;
  private final EtcdProcess etcd;
  private final String kubeconfig;
  private final List<String> command;
  private final Path logFile;
  private ProcessHandle apiServer;

  private RestartableApiServer(
      String name,
      EtcdProcess etcd,
      String kubeconfig,
      List<String> command,
      ProcessHandle apiServer,
      Path logFile) {
    this.name = name;
    this.etcd = etcd;
    this.kubeconfig = kubeconfig;
    this.command = command;
    this.apiServer = apiServer;
    this.logFile = logFile;
  }

  static RestartableApiServer start(String name, Path logFile) {
    KubeAPIServerConfig config =
        KubeAPIServerConfigBuilder.anAPIServerConfig()
            .withOfflineMode(true)
            .withUpdateKubeConfig(false)
            .build();
    BinaryManager binaries = new BinaryManager(config);
    binaries.initAndDownloadIfRequired();
    CertManager certificates = new CertManager(config.getKubeAPITestDir());
    certificates.createCertificatesIfNeeded();
    EtcdProcess etcd =
        new EtcdProcess(
            binaries,
            stopped -> log.error("etcd of {} stopped unexpectedly", name),
            config.isWaitForEtcdHealthCheckOnStartup(),
            config.getStartupTimeout());
    int etcdPort = etcd.startEtcd();
    try {
      KubeAPIServerProcess process =
          new KubeAPIServerProcess(
              certificates,
              binaries,
              stopped -> log.info("kube-apiserver of {} stopped", name),
              config);
      int port = process.startApiServer(etcdPort);
      process.waitUntilReady();
      ProcessHandle handle = apiServerProcess(port);
      List<String> command = new ArrayList<>();
      command.add(handle.info().command().orElseThrow());
      command.addAll(List.of(handle.info().arguments().orElseThrow()));
      String kubeconfig = new KubeConfig(certificates, binaries).generateKubeConfigYaml(port);
      return new RestartableApiServer(name, etcd, kubeconfig, command, handle, logFile);
    } catch (RuntimeException e) {
      etcd.stopEtcd();
      etcd.cleanEtcdData();
      throw e;
    }
  }

  /** The kube-apiserver this JVM started on the port (the library keeps its process private). */
  private static ProcessHandle apiServerProcess(int port) {
    String portText = String.valueOf(port);
    return ProcessHandle.current()
        .descendants()
        .filter(process -> process.info().command().orElse("").endsWith("kube-apiserver"))
        .filter(
            process -> {
              List<String> arguments = List.of(process.info().arguments().orElse(new String[0]));
              int flag = arguments.indexOf("--secure-port");
              return arguments.contains("--secure-port=" + portText)
                  || (flag >= 0
                      && flag + 1 < arguments.size()
                      && arguments.get(flag + 1).equals(portText));
            })
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no kube-apiserver on port " + port));
  }

  String kubeconfig() {
    return kubeconfig;
  }

  KubernetesClient client() {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
  }

  boolean running() {
    return apiServer.isAlive();
  }

  /** SIGKILL to the kube-apiserver only; etcd keeps the member's objects. */
  void kill() {
    apiServer.destroyForcibly();
    try {
      apiServer.onExit().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the kube-apiserver of " + name + " survived SIGKILL", e);
    }
  }

  /** Starts the kube-apiserver again, with the same flags: same port, certificates and etcd. */
  void restart() {
    if (apiServer.isAlive()) {
      throw new IllegalStateException("the kube-apiserver of " + name + " still runs");
    }
    try {
      Files.createDirectories(logFile.getParent());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
      apiServer = process.toHandle();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (KubernetesClient client = client()) {
      await("the kube-apiserver of " + name + " ready again")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .until(() -> "ok".equals(client.raw("/readyz")));
    }
  }

  @Override
  public void close() {
    Optional.ofNullable(apiServer).ifPresent(ProcessHandle::destroyForcibly);
    try {
      apiServer.onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("kube-apiserver of {} did not stop: {}", name, e.toString());
    }
    etcd.stopEtcd();
    etcd.cleanEtcdData();
  }
}
