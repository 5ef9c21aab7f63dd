package io.kafleet.e2e;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kafleet.cli.KafleetCommand;
import io.kafleet.devstack.DevCluster;
import io.kafleet.devstack.DevStack;
import io.kafleet.devstack.DevStackSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import picocli.CommandLine;

/**
 * The whole suite — a real broker, the registry, placement-service, traffic-service and two member
 * clusters, each a real kube-apiserver with its agent — started once per test JVM and shared by the
 * end-to-end classes (see {@link SuiteExtension}). Tests drive it through the CLI and read the
 * results from the members' API servers.
 */
final class Suite implements AutoCloseable {

  static final List<String> MEMBERS = List.of("member1", "member2");
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private final DevStack stack;
  private final Path state;

  private Suite(DevStack stack, Path state) {
    this.stack = stack;
    this.state = state;
  }

  static Suite start() {
    return start(MEMBERS);
  }

  /**
   * A stack of its own with these members, for a test that needs other members than the suite.
   *
   * @param members each a name, or {@code name@region}
   */
  static Suite start(List<String> members) {
    Path state;
    try {
      state = Files.createTempDirectory("kafleet-e2e");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Suite suite =
        new Suite(DevStack.start(new DevStackSettings(state, 0, 0, 0, 0, members)), state);
    try {
      await(
          () -> {
            String clusters = suite.kafleet("get", "clusters");
            return members.stream()
                .map(member -> member.split("@", 2)[0])
                .allMatch(name -> clusters.contains(name + "   Pull   True"));
          },
          members + " ready in `kafleet get clusters`");
    } catch (RuntimeException | Error e) {
      suite.close();
      throw e;
    }
    return suite;
  }

  DevStack stack() {
    return stack;
  }

  /** Where the stack keeps its state; tests may write files there. */
  Path state() {
    return state;
  }

  DevCluster cluster(String name) {
    return stack.cluster(name);
  }

  /**
   * Runs one CLI command against the suite with the operator's token; a failure fails the test with
   * what it printed.
   */
  String kafleet(String... args) {
    CliRun run = kafleetAs(stack.tokens().operator(), args);
    if (run.exit() != 0) {
      throw new AssertionError(
          "kafleet "
              + String.join(" ", args)
              + " exited "
              + run.exit()
              + ": "
              + run.err()
              + run.out());
    }
    return run.out();
  }

  /**
   * The podinfo seed as a user applies it with the CLI: its files, then its KubeVela Application
   * with both cluster placeholders filled in.
   */
  void applyPodinfo() throws IOException {
    Path podinfo = Scenarios.locate().root().resolve("podinfo-blue-green");
    for (String file :
        List.of("base.yaml", "gateway.yaml", "destinationrule.yaml", "virtualservice-blue.yaml")) {
      kafleet("apply", "-f", podinfo.resolve(file).toString());
    }
    Path application = Files.createTempFile(state, "application-", ".yaml");
    Files.writeString(
        application,
        Files.readString(podinfo.resolve("application.yaml"))
            .replace("<clusterid1>", "member1")
            .replace("<clusterid2>", "member2"));
    kafleet("apply", "-f", application.toString());
  }

  /** What one CLI command returned and printed. */
  record CliRun(int exit, String out, String err) {}

  /** Runs one CLI command against the suite with the given bearer token. */
  CliRun kafleetAs(String token, String... args) {
    CommandLine cli = KafleetCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] withServer = Arrays.copyOf(args, args.length + 3);
    withServer[args.length] =
        args[0].equals("traffic") || args[0].equals("rollout")
            ? "--traffic-server=" + stack.trafficUrl()
            : "--server=" + stack.placementUrl();
    withServer[args.length + 1] = "--token=" + token;
    withServer[args.length + 2] = "--certificate-authority=" + stack.certificateAuthority();
    int exit = cli.execute(withServer);
    return new CliRun(exit, out.toString(), err.toString());
  }

  /** A client of the member's own API server, from the kubeconfig the stack wrote. */
  KubernetesClient member(String cluster) {
    try {
      return new KubernetesClientBuilder()
          .withConfig(
              Config.fromKubeconfig(
                  Files.readString(state.resolve("clusters").resolve(cluster + ".kubeconfig"))))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static GenericKubernetesResource istio(KubernetesClient member, String kind, String name) {
    return member
        .genericKubernetesResources("networking.istio.io/v1", kind)
        .inNamespace("default")
        .withName(name)
        .get();
  }

  static TreeSet<String> names(List<? extends HasMetadata> objects) {
    TreeSet<String> names = new TreeSet<>();
    objects.forEach(object -> names.add(object.getMetadata().getName()));
    return names;
  }

  static void await(Supplier<Boolean> condition, String what) {
    Awaitility.await(what)
        .atMost(PATIENCE)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(250))
        .until(condition::get);
  }

  @Override
  public void close() {
    stack.close();
  }
}
