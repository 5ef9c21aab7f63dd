package io.kafleet.devstack;

import io.kafleet.kafka.embedded.BrokerSettings;
import io.kafleet.kafka.embedded.EmbeddedKafkaBroker;
import io.kafleet.placement.PlacementServiceApplication;
import io.kafleet.registry.RegistrySettings;
import io.kafleet.registry.SchemaRegistryServer;
import io.kafleet.traffic.TrafficServiceApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded default: a real Kafka broker, the schema registry, placement-service and
 * traffic-service, with their state under one directory (Kafka holds all of it), and member
 * clusters, each a real kube-apiserver and etcd (or, when asked, an in-memory mock of one) with its
 * own propagation agent.
 */
public final class DevStack implements AutoCloseable {

  private static final String MOCK_CLUSTERS = "--mock-clusters";
  private static final String INSECURE_PLAINTEXT_KAFKA = "--insecure-plaintext-kafka";
  static final String PLAINTEXT_WARNING =
      "WARNING: Kafka runs PLAINTEXT without TLS, authentication or ACLs"
          + " (--insecure-plaintext-kafka): anyone who reaches its port can read every work and"
          + " write any cluster's; never expose it.";

  private static final String METRICS = "/actuator/prometheus";
  private static final String LIVENESS = "/actuator/health/liveness";
  private static final String READINESS = "/actuator/health/readiness";

  private final EmbeddedKafkaBroker broker;
  private final SchemaRegistryServer registry;
  private final ConfigurableApplicationContext placement;
  private final ConfigurableApplicationContext traffic;
  private final DevTokens tokens;
  private final Path cliConfig;
  private final List<DevCluster> clusters = new ArrayList<>();
  private final Path stateDirectory;
  private final Optional<DevKafkaCredentials> kafkaCredentials;
  private final ChildProcesses children;
  private final DevTls tls;

  private DevStack(
      EmbeddedKafkaBroker broker,
      Optional<DevKafkaCredentials> kafkaCredentials,
      DevTls tls,
      SchemaRegistryServer registry,
      ConfigurableApplicationContext placement,
      ConfigurableApplicationContext traffic,
      DevTokens tokens,
      Path stateDirectory,
      ChildProcesses children) {
    this.broker = broker;
    this.children = children;
    this.kafkaCredentials = kafkaCredentials;
    this.tls = tls;
    this.stateDirectory = stateDirectory;
    this.registry = registry;
    this.placement = placement;
    this.traffic = traffic;
    this.tokens = tokens;
    this.cliConfig =
        tokens.writeCliConfig(
            stateDirectory, placementUrl(), trafficUrl(), tls.certificateAuthority());
  }

  public static DevStack start(DevStackSettings settings) {
    DevStack stack = startServices(settings);
    try {
      MemberJoin join =
          new MemberJoin(stack.placementUrl(), stack.tokens.admin(), stack.tls.sslContext());
      for (String cluster : settings.clusters()) {
        MemberJoin.AgentAccess access;
        if (stack.kafkaAuthenticated()) {
          // As a real cluster joins: its own Kafka user, topics, ACLs and sealing key.
          access =
              join.join(cluster, Map.of("env", "dev", "name", cluster), settings.stateDirectory());
        } else {
          DevCluster.createTopics(cluster, stack.kafkaClientProperties());
          access = join.admitWithoutCredentials(cluster, settings.stateDirectory());
        }
        stack.clusters.add(
            DevCluster.start(
                cluster,
                Optional.ofNullable(settings.regions().get(cluster)),
                settings.stateDirectory(),
                stack.bootstrapServers(),
                stack.schemaRegistryUrl(),
                access,
                settings.mockClusters(),
                stack.children));
      }
      return stack;
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
  }

  private static DevStack startServices(DevStackSettings settings) {
    Path state = settings.stateDirectory();
    BrokerSettings brokerSettings =
        BrokerSettings.in(state.resolve("kafka")).withPorts(settings.kafkaPort(), 0);
    Optional<DevKafkaCredentials> credentials = Optional.empty();
    // The APIs serve HTTPS with it either way; the broker SASL_SSL unless PLAINTEXT was asked for.
    DevTls tls = DevTls.loadOrCreate(state);
    Map<String, String> transport = Map.of();
    if (settings.insecurePlaintextKafka()) {
      System.err.println(PLAINTEXT_WARNING);
      deleteCliKafkaConfig(state);
    } else {
      credentials = Optional.of(authenticatedCredentials(state));
      brokerSettings =
          brokerSettings.withScramOverTls(
              DevKafkaCredentials.ADMIN,
              credentials.get().password(DevKafkaCredentials.ADMIN),
              tls.brokerTls());
      transport = tls.kafkaClientTrust();
    }
    ChildProcesses children = ChildProcesses.start(state);
    EmbeddedKafkaBroker broker;
    try {
      broker = EmbeddedKafkaBroker.start(brokerSettings);
      children.record("kafka-broker", ProcessHandle.of(broker.pid()).orElseThrow());
    } catch (RuntimeException | Error e) {
      children.close();
      throw e;
    }
    SchemaRegistryServer registry = null;
    ConfigurableApplicationContext placement = null;
    ConfigurableApplicationContext traffic = null;
    try {
      credentials.ifPresent(known -> known.grantControlPlane(broker.adminClientProperties()));
      Map<String, String> cliTransport = transport;
      credentials.ifPresent(known -> known.writeCliKafkaConfig(state, cliTransport));
      // The APIs ask for bearer tokens, as anywhere else; the stack's own are made once.
      DevTokens tokens = DevTokens.loadOrCreate(state);
      registry =
          SchemaRegistryServer.start(
              RegistrySettings.of(broker.bootstrapServers())
                  .withPort(settings.registryPort())
                  .withKafkaProperties(
                      clientProperties(credentials, transport, "kafleet-registry")));
      // traffic-service first: placement-service's console forwards to its URL.
      List<String> trafficArguments =
          new ArrayList<>(
              List.of(
                  "--server.port=" + settings.trafficPort(),
                  "--kafleet.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                  "--kafleet.schema-registry.url=" + registry.url()));
      trafficArguments.addAll(kafkaArguments(credentials, transport, "kafleet-traffic"));
      trafficArguments.addAll(tls.serverArguments());
      traffic =
          TrafficServiceApplication.builder()
              .run(withTokens(tokens, trafficArguments.toArray(String[]::new)));
      List<String> placementArguments =
          new ArrayList<>(
              List.of(
                  "--server.port=" + settings.placementPort(),
                  "--kafleet.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                  "--kafleet.schema-registry.url=" + registry.url(),
                  // Seals Secret templates; kept so that they open again after a restart.
                  "--kafleet.secrets.control-plane-key=" + DevKeys.controlPlaneKey(state),
                  // The dev stack's clusters are the user's own: no acceptance step.
                  "--kafleet.clusters.auto-accept=true"));
      placementArguments.addAll(kafkaArguments(credentials, transport, "kafleet-placement"));
      placementArguments.addAll(tls.serverArguments());
      // The console's traffic pages: placement-service forwards them to traffic-service, over
      // HTTPS trusting the stack's CA.
      placementArguments.addAll(tls.trustBundleArguments());
      placementArguments.add("--kafleet.console.traffic-url=" + serviceUrl(traffic));
      placementArguments.add("--kafleet.console.traffic-ssl-bundle=" + DevTls.TRUST_BUNDLE);
      placement =
          PlacementServiceApplication.builder()
              .run(withTokens(tokens, placementArguments.toArray(String[]::new)));
      return new DevStack(
          broker,
          credentials,
          tls,
          registry,
          placement,
          traffic,
          tokens,
          settings.stateDirectory(),
          children);
    } catch (RuntimeException | Error e) {
      if (traffic != null) {
        traffic.close();
      }
      if (placement != null) {
        placement.close();
      }
      if (registry != null) {
        registry.close();
      }
      stopBroker(broker, children);
      throw e;
    }
  }

  /**
   * The passwords of an authenticated broker; refuses a broker storage that was formatted without
   * authentication (by an older kafleet, or with the PLAINTEXT flag), which has no admin to log in
   * with.
   */
  private static DevKafkaCredentials authenticatedCredentials(Path state) {
    Path kafka = state.resolve("kafka");
    if (Files.exists(kafka.resolve("logs").resolve("meta.properties"))
        && !Files.exists(DevKafkaCredentials.file(state))) {
      throw new IllegalStateException(
          "the Kafka state in "
              + kafka
              + " was made without authentication (by an older kafleet, or with "
              + INSECURE_PLAINTEXT_KAFKA
              + "): delete it (rm -rf "
              + kafka
              + ") to start an authenticated broker, or start with "
              + INSECURE_PLAINTEXT_KAFKA);
    }
    return DevKafkaCredentials.loadOrCreate(state);
  }

  /** The CLI must not try SASL on a PLAINTEXT broker. */
  private static void deleteCliKafkaConfig(Path state) {
    try {
      Files.deleteIfExists(DevKafkaCredentials.cliKafkaConfig(state));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A service's SASL (and TLS) client properties, none on a PLAINTEXT broker. */
  private static Map<String, String> clientProperties(
      Optional<DevKafkaCredentials> credentials, Map<String, String> transport, String user) {
    return credentials.map(known -> known.clientProperties(user, transport)).orElse(Map.of());
  }

  /**
   * The same as {@code kafleet.kafka.properties} arguments (in-process: never on a command line).
   */
  private static List<String> kafkaArguments(
      Optional<DevKafkaCredentials> credentials, Map<String, String> transport, String user) {
    return clientProperties(credentials, transport, user).entrySet().stream()
        .map(entry -> "--kafleet.kafka.properties." + entry.getKey() + "=" + entry.getValue())
        .toList();
  }

  private static String[] withTokens(DevTokens tokens, String... arguments) {
    List<String> all = new ArrayList<>(List.of(arguments));
    all.addAll(tokens.serviceArguments());
    return all.toArray(String[]::new);
  }

  /** The API tokens, one per role, that the services accept. */
  public DevTokens tokens() {
    return tokens;
  }

  /** The CLI's config file with a context per token ({@code KAFLEET_CONFIG}). */
  public Path cliConfig() {
    return cliConfig;
  }

  /** The CA (PEM) that signed the certificate of the broker and of both APIs. */
  public Path certificateAuthority() {
    return tls.certificateAuthority();
  }

  /** A TLS context trusting the stack's CA only: for HTTPS clients of its APIs. */
  public SSLContext sslContext() {
    return tls.sslContext();
  }

  /**
   * The Kafka client properties of a control-plane {@code user} (one of {@link
   * DevKafkaCredentials#users()}): its SASL login and, over SASL_SSL, the trust of the stack's CA.
   *
   * @throws IllegalStateException on a PLAINTEXT broker, which has no users
   */
  public Map<String, String> kafkaClientProperties(String user) {
    return kafkaCredentials
        .map(known -> known.clientProperties(user, tls.kafkaClientTrust()))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "a PLAINTEXT broker (" + INSECURE_PLAINTEXT_KAFKA + ") has no users"));
  }

  /** traffic-service's API. */
  public String trafficUrl() {
    return serviceUrl(traffic);
  }

  /** placement-service's API, which the CLI talks to. */
  public String placementUrl() {
    return serviceUrl(placement);
  }

  /** The web console, which placement-service serves. */
  public String consoleUrl() {
    return placementUrl() + "/";
  }

  private static String serviceUrl(ConfigurableApplicationContext service) {
    return "https://localhost:" + service.getEnvironment().getProperty("local.server.port");
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** A Kafka client's configuration as the broker's super user (on PLAINTEXT: just the address). */
  public Map<String, Object> kafkaClientProperties() {
    return broker.adminClientProperties();
  }

  /** Whether the broker authenticates its clients (false only with the explicit PLAINTEXT flag). */
  public boolean kafkaAuthenticated() {
    return kafkaCredentials.isPresent();
  }

  public String schemaRegistryUrl() {
    return registry.url();
  }

  /**
   * The member cluster so named, e.g. to stop and restart its agent.
   *
   * @throws IllegalArgumentException when the stack has no such member
   */
  public DevCluster cluster(String name) {
    return clusters.stream()
        .filter(cluster -> cluster.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no member cluster "
                        + name
                        + " in this stack; members: "
                        + clusters.stream().map(DevCluster::name).toList()));
  }

  /** Where everything listens, as printed to the user. */
  public String endpoints() {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "Kafka broker     "
                    + bootstrapServers()
                    + kafkaCredentials
                        .map(
                            known ->
                                " (SASL_SSL SCRAM-SHA-512; users and passwords in "
                                    + DevKafkaCredentials.file(stateDirectory).toAbsolutePath()
                                    + ")")
                        .orElse(
                            " (PLAINTEXT, no authentication: " + INSECURE_PLAINTEXT_KAFKA + ")"),
                "Schema registry  " + schemaRegistryUrl(),
                "Console          "
                    + consoleUrl()
                    + " (sign in with a token of "
                    + cliConfig.toAbsolutePath()
                    + ")",
                "Placement API    " + placementUrl(),
                "  metrics        " + placementUrl() + METRICS + " (a viewer token)",
                "  health         "
                    + placementUrl()
                    + LIVENESS
                    + ", "
                    + placementUrl()
                    + READINESS
                    + " (no token)",
                "Traffic API      " + trafficUrl(),
                "  metrics        " + trafficUrl() + METRICS + " (a viewer token)",
                "  health         "
                    + trafficUrl()
                    + LIVENESS
                    + ", "
                    + trafficUrl()
                    + READINESS
                    + " (no token)",
                "TLS CA           "
                    + tls.certificateAuthority().toAbsolutePath()
                    + " (signs the broker's and the APIs' certificates)",
                "API tokens       "
                    + cliConfig.toAbsolutePath()
                    + " (contexts dev-admin, dev-operator, dev-viewer; ./kafleet uses it)"));
    clusters.forEach(cluster -> lines.add(cluster.describe()));
    return String.join(System.lineSeparator(), lines);
  }

  @Override
  public void close() {
    try {
      for (DevCluster cluster : clusters) {
        cluster.close();
      }
      traffic.close();
      placement.close();
    } finally {
      try {
        registry.close();
      } finally {
        stopBroker(broker, children);
      }
    }
  }

  private static void stopBroker(EmbeddedKafkaBroker broker, ChildProcesses children) {
    try {
      broker.close();
      children.forget(broker.pid());
    } finally {
      children.close();
    }
  }

  /**
   * Applies a seed scenario through the CLI once every member is ready; files with placeholders are
   * written, filled in, under the state directory first.
   *
   * @return what was applied and the commands to try next, for the user
   */
  public String play(Scenario scenario) throws InterruptedException {
    return new ScenarioPlayer(
            placementUrl(),
            tokens.operator(),
            tls.certificateAuthority(),
            clusters.stream().map(DevCluster::name).toList(),
            stateDirectory)
        .play(scenario);
  }

  /**
   * Runs the stack until this JVM is stopped (Ctrl-C, or {@code ./kafleet down}). Arguments: the
   * state directory (default {@code .kafleet}), the member clusters (comma separated; default
   * member1,member2), then optionally {@code --scenario=NAME --scenarios-dir=DIR} to apply a seed
   * scenario once the stack is up, and {@code --mock-clusters} for in-memory mock members instead
   * of real kube-apiservers, {@code --insecure-plaintext-kafka} for a broker without
   * authentication. Exit code 2 for bad arguments, before anything is started.
   */
  public static void main(String[] args) throws InterruptedException {
    DevStackSettings defaults = DevStackSettings.defaults();
    DevStackSettings settings;
    Scenario scenario;
    List<String> options = Arrays.asList(args).subList(Math.min(2, args.length), args.length);
    try {
      settings =
          new DevStackSettings(
              args.length > 0 ? Path.of(args[0]) : defaults.stateDirectory(),
              // Tests pick free ports (0) this way; users keep the defaults.
              Integer.getInteger("kafleet.dev.kafka-port", defaults.kafkaPort()),
              Integer.getInteger("kafleet.dev.registry-port", defaults.registryPort()),
              Integer.getInteger("kafleet.dev.placement-port", defaults.placementPort()),
              Integer.getInteger("kafleet.dev.traffic-port", defaults.trafficPort()),
              args.length > 1 ? List.of(args[1].split(",")) : defaults.clusters());
      if (options.contains(MOCK_CLUSTERS)) {
        settings = settings.withMockClusters();
      }
      if (options.contains(INSECURE_PLAINTEXT_KAFKA)) {
        settings = settings.withInsecurePlaintextKafka();
      }
      scenario =
          scenario(
              options.stream()
                  .filter(
                      option ->
                          !option.equals(MOCK_CLUSTERS) && !option.equals(INSECURE_PLAINTEXT_KAFKA))
                  .toList(),
              settings.clusters());
    } catch (IllegalArgumentException e) {
      System.err.println("error: kafleet up: " + e.getMessage());
      System.exit(2);
      return;
    }
    DevStack stack;
    try {
      stack = start(settings);
    } catch (RuntimeException | Error e) {
      System.err.println("kafleet dev stack failed to start: " + e);
      e.printStackTrace();
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "dev-stack-stop"));
    List<String> ready = new ArrayList<>(List.of(stack.endpoints()));
    if (scenario != null) {
      try {
        ready.add(stack.play(scenario));
      } catch (RuntimeException e) {
        System.err.println(
            "error: scenario " + scenario.name() + " not applied: " + e.getMessage());
        System.exit(1);
        return;
      }
    }
    if (settings.insecurePlaintextKafka()) {
      ready.add(PLAINTEXT_WARNING);
    }
    ready.add("kafleet dev stack is up (state in " + settings.stateDirectory() + ").");
    // One write, so that no log line of the stack's threads lands inside what the user reads.
    System.out.println(String.join(System.lineSeparator(), ready));
    Thread.currentThread().join();
  }

  /** The scenario the options name, or null; {@code --scenarios-dir} is needed with a scenario. */
  private static Scenario scenario(List<String> options, List<String> clusters) {
    String name = null;
    Path folder = null;
    for (String option : options) {
      if (option.startsWith("--scenario=")) {
        name = option.substring("--scenario=".length());
      } else if (option.startsWith("--scenarios-dir=")) {
        // Absolute and normalized, so that what the user is told to apply is a plain path.
        folder =
            Path.of(option.substring("--scenarios-dir=".length())).toAbsolutePath().normalize();
      } else {
        throw new IllegalArgumentException(
            "unknown argument "
                + option
                + " (supported: --scenario=NAME --scenarios-dir=DIR "
                + MOCK_CLUSTERS
                + " "
                + INSECURE_PLAINTEXT_KAFKA
                + ")");
      }
    }
    if (name == null) {
      return null;
    }
    if (folder == null) {
      throw new IllegalArgumentException("--scenario needs --scenarios-dir=DIR");
    }
    return Scenario.named(name, folder, clusters);
  }
}
