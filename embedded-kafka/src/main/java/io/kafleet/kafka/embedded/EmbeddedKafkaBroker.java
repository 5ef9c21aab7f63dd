package io.kafleet.kafka.embedded;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker (KRaft, combined broker and controller, one node) running in a child
 * JVM started from the Maven-resolved broker jars. It stops when {@link #close()} is called, when
 * this JVM exits, and, through a watchdog in the child, when this JVM dies without exiting.
 */
public final class EmbeddedKafkaBroker implements KafkaBroker, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final String READY_TOPIC = "__kafleet_broker_ready";
  private static final String CLASSPATH_RESOURCE = "broker.classpath";
  private static final String LOG4J_RESOURCE = "broker-log4j2.properties";

  /** BrokerMain formats the storage with this SCRAM credential; kept off the command line. */
  static final String ADD_SCRAM_ENV = "KAFLEET_BROKER_ADD_SCRAM";

  private static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

  private final Process process;
  private final OutputStream lifeline;
  private final String bootstrapServers;
  private final BrokerSecurity security;
  private final Path logFile;
  private final BrokerSettings settings;
  private final Thread shutdownHook;

  private EmbeddedKafkaBroker(
      Process process,
      OutputStream lifeline,
      String bootstrapServers,
      BrokerSecurity security,
      Path logFile,
      BrokerSettings settings) {
    this.process = process;
    this.settings = settings;
    this.lifeline = lifeline;
    this.bootstrapServers = bootstrapServers;
    this.security = security;
    this.logFile = logFile;
    this.shutdownHook = new Thread(this::stopProcess, "embedded-kafka-stop");
  }

  /** Starts a broker and returns once it can create a topic. */
  public static EmbeddedKafkaBroker start(BrokerSettings settings) {
    try {
      Path dir = Files.createDirectories(settings.dataDirectory().toAbsolutePath());
      int port = settings.port() == 0 ? freePort() : settings.port();
      int controllerPort =
          settings.controllerPort() == 0 ? freePortOtherThan(port) : settings.controllerPort();
      Map<String, String> listeners =
          settings.security() instanceof BrokerSecurity.Scram scram
              ? scramListeners(port, controllerPort, scram)
              : plaintextListeners(port, controllerPort);
      Path properties = writeServerProperties(dir, controllerPort, listeners, settings.overrides());
      Path log4j = copyResource(LOG4J_RESOURCE, dir.resolve("log4j2.properties"));
      Path logFile = dir.resolve("broker.log");
      ProcessBuilder builder =
          new ProcessBuilder(command(properties, clusterId(dir), log4j))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      builder.environment().remove(ADD_SCRAM_ENV);
      if (settings.security() instanceof BrokerSecurity.Scram scram) {
        builder
            .environment()
            .put(
                ADD_SCRAM_ENV,
                SCRAM_MECHANISM
                    + "=[name="
                    + scram.admin().name()
                    + ",password="
                    + scram.admin().password()
                    + "]");
      }
      Process process = builder.start();
      EmbeddedKafkaBroker broker =
          new EmbeddedKafkaBroker(
              process,
              process.getOutputStream(),
              "127.0.0.1:" + port,
              settings.security(),
              logFile,
              settings.withPorts(port, controllerPort));
      Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
      broker.awaitReady(settings.startTimeout());
      log.info(
          "Kafka broker {} ready (pid {}, data in {})",
          broker.bootstrapServers,
          process.pid(),
          dir);
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded Kafka broker", e);
    }
  }

  @Override
  public String bootstrapServers() {
    return bootstrapServers;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  /**
   * The settings this broker runs with, its ports included: {@code start(broker.settings())} after
   * {@link #kill()} starts the same broker again, on the same ports with the same data, as a
   * restarted node would.
   */
  public BrokerSettings settings() {
    return settings;
  }

  /**
   * Kills the broker with SIGKILL, as a node failure or the kernel's OOM killer would: no
   * controlled shutdown, no flush of its logs, clients see their connections drop. Returns once the
   * process is gone.
   */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the broker process " + pid() + " survived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing the broker", e);
    }
    close();
  }

  public BrokerSecurity security() {
    return security;
  }

  /**
   * Client settings that reach this broker; add serializers and the like. On an authenticated
   * broker they carry no credentials: use {@link #clientConfig(String, String)} or {@link
   * #adminClientProperties()}.
   */
  @Override
  public Map<String, Object> clientConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }

  /** Client settings of a SCRAM user of this authenticated broker. */
  public Map<String, Object> clientConfig(String user, String password) {
    return scramClientConfig(new BrokerSecurity.ScramUser(user, password));
  }

  /**
   * Client settings with every right: the admin user's on an authenticated broker, {@link
   * #clientConfig()} on a plaintext one.
   */
  @Override
  public Map<String, Object> adminClientProperties() {
    return security instanceof BrokerSecurity.Scram scram
        ? scramClientConfig(scram.admin())
        : clientConfig();
  }

  /** The last lines the broker logged, for error messages. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(broker log " + logFile + " unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    stopProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or has run; nothing to remove.
    }
  }

  private void stopProcess() {
    if (!process.isAlive()) {
      return;
    }
    try {
      lifeline.close();
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Map<String, Object> config = adminClientProperties();
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000);
    Exception lastFailure = null;
    try (Admin admin = Admin.create(config)) {
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "the embedded Kafka broker exited with code "
                  + process.exitValue()
                  + " while starting; its log ends:\n"
                  + logTail(40));
        }
        try {
          admin
              .createTopics(List.of(new NewTopic(READY_TOPIC, 1, (short) 1)))
              .all()
              .get(5, TimeUnit.SECONDS);
          return;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof TopicExistsException) {
            return;
          }
          lastFailure = e;
        } catch (TimeoutException e) {
          lastFailure = e;
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
    throw new IllegalStateException(
        "the embedded Kafka broker at "
            + bootstrapServers
            + " could not create a topic within "
            + timeout
            + " (last failure: "
            + lastFailure
            + "); its log ends:\n"
            + logTail(40));
  }

  private static List<String> command(Path properties, String clusterId, Path log4j) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xms128m",
            "-Xmx512m",
            "-XX:+UseSerialGC",
            "-Djava.awt.headless=true",
            "-Dlog4j2.configurationFile=" + log4j,
            "-Dlog4j2.disable.jmx=true",
            "-cp",
            brokerClasspath(),
            BrokerMain.class.getName(),
            properties.toString(),
            clusterId));
    return command;
  }

  private static String brokerClasspath() {
    try (InputStream in = EmbeddedKafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            CLASSPATH_RESOURCE + " is missing: build kafleet-embedded-kafka with ./mvnw first");
      }
      String jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      return brokerMainLocation() + File.pathSeparator + jars;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where the child JVM finds {@link BrokerMain}: this module's jar or classes directory, or, when
   * this code runs from inside another jar (the dev stack's runnable jar), a copy of the class.
   */
  private static Path brokerMainLocation() throws IOException {
    try {
      Path own =
          Path.of(BrokerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (own.getFileSystem().equals(FileSystems.getDefault()) && Files.exists(own)) {
        return own;
      }
    } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException nested) {
      // a nested jar: fall through to the copy
    }
    Path classes = Files.createTempDirectory("kafleet-broker-main");
    String resource = BrokerMain.class.getName().replace('.', '/') + ".class";
    Path copy = classes.resolve(resource);
    Files.createDirectories(copy.getParent());
    try (InputStream in = BrokerMain.class.getClassLoader().getResourceAsStream(resource)) {
      Files.copy(in, copy);
    }
    return classes;
  }

  private Map<String, Object> scramClientConfig(BrokerSecurity.ScramUser user) {
    Map<String, Object> config = clientConfig();
    if (security instanceof BrokerSecurity.Scram scram) {
      config.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, scram.protocol());
      scram
          .tls()
          .ifPresent(
              tls -> {
                config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
                config.put(
                    SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG,
                    tls.trustStore().toAbsolutePath().toString());
              });
    }
    config.put(SaslConfigs.SASL_MECHANISM, SCRAM_MECHANISM);
    config.put(SaslConfigs.SASL_JAAS_CONFIG, user.jaasConfig());
    return config;
  }

  private static Map<String, String> plaintextListeners(int port, int controllerPort) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    return props;
  }

  /**
   * Clients, and the broker to itself (transaction markers go over the inter-broker listener),
   * authenticate with SCRAM, over TLS when the broker has a key. The controller listener cannot use
   * SCRAM (its credentials live in the metadata the controller serves), so it takes SASL/PLAIN with
   * the admin as its only user: no anonymous principal is ever a super user. It stays on loopback
   * without TLS: only this broker's own controller uses it.
   */
  private static Map<String, String> scramListeners(
      int port, int controllerPort, BrokerSecurity.Scram scram) {
    BrokerSecurity.ScramUser admin = scram.admin();
    String protocol = scram.protocol();
    String listener = protocol.toLowerCase(Locale.ROOT);
    Map<String, String> props = new LinkedHashMap<>();
    props.put(
        "listeners",
        protocol + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", protocol + "://127.0.0.1:" + port);
    props.put("inter.broker.listener.name", protocol);
    props.put(
        "listener.security.protocol.map", protocol + ":" + protocol + ",CONTROLLER:SASL_PLAINTEXT");
    props.put("sasl.mechanism.inter.broker.protocol", SCRAM_MECHANISM);
    props.put("listener.name." + listener + ".sasl.enabled.mechanisms", SCRAM_MECHANISM);
    props.put("listener.name." + listener + ".scram-sha-512.sasl.jaas.config", admin.jaasConfig());
    scram
        .tls()
        .ifPresent(
            tls -> {
              props.put("listener.name." + listener + ".ssl.keystore.type", "PEM");
              props.put(
                  "listener.name." + listener + ".ssl.keystore.location",
                  tls.keyStore().toAbsolutePath().toString());
              // The broker is a client of itself over this listener: it trusts the same CA.
              props.put("listener.name." + listener + ".ssl.truststore.type", "PEM");
              props.put(
                  "listener.name." + listener + ".ssl.truststore.location",
                  tls.trustStore().toAbsolutePath().toString());
              props.put("ssl.truststore.type", "PEM");
              props.put("ssl.truststore.location", tls.trustStore().toAbsolutePath().toString());
            });
    props.put("sasl.mechanism.controller.protocol", "PLAIN");
    props.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
    props.put(
        "listener.name.controller.plain.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + admin.name()
            + "\" password=\""
            + admin.password()
            + "\" user_"
            + admin.name()
            + "=\""
            + admin.password()
            + "\";");
    props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    props.put("allow.everyone.if.no.acl.found", "false");
    props.put("super.users", "User:" + admin.name());
    return props;
  }

  private static Path writeServerProperties(
      Path dir, int controllerPort, Map<String, String> listeners, Map<String, String> overrides)
      throws IOException {
    Properties props = new Properties();
    props.setProperty("process.roles", "broker,controller");
    props.setProperty("node.id", "1");
    props.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    props.setProperty("controller.listener.names", "CONTROLLER");
    listeners.forEach(props::setProperty);
    props.setProperty("log.dirs", dir.resolve("logs").toString());
    props.setProperty("num.partitions", "1");
    // A single node: every internal topic has one replica, and few partitions start faster.
    props.setProperty("offsets.topic.replication.factor", "1");
    props.setProperty("offsets.topic.num.partitions", "5");
    props.setProperty("transaction.state.log.replication.factor", "1");
    props.setProperty("transaction.state.log.min.isr", "1");
    props.setProperty("transaction.state.log.num.partitions", "5");
    props.setProperty("share.coordinator.state.topic.replication.factor", "1");
    props.setProperty("share.coordinator.state.topic.min.isr", "1");
    props.setProperty("group.initial.rebalance.delay.ms", "0");
    // Topics are created on purpose; a mistyped name must fail, not appear.
    props.setProperty("auto.create.topics.enable", "false");
    overrides.forEach(props::setProperty);
    Path file = dir.resolve("server.properties");
    ownerOnly(file);
    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      props.store(out, "written by kafleet's embedded broker launcher at every start");
    }
    return file;
  }

  /** The file may hold the admin's password: readable by its owner only, where POSIX allows. */
  private static void ownerOnly(Path file) throws IOException {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    if (!Files.exists(file)) {
      Files.createFile(file);
    }
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  /** The cluster id is kept with the data, so a restarted broker finds its own storage. */
  private static String clusterId(Path dir) throws IOException {
    Path file = dir.resolve("cluster.id");
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
    String id = Uuid.randomUuid().toString();
    Files.writeString(file, id, StandardCharsets.UTF_8);
    return id;
  }

  private static Path copyResource(String resource, Path target) throws IOException {
    try (InputStream in = EmbeddedKafkaBroker.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " is missing from the jar");
      }
      Files.write(target, in.readAllBytes());
    }
    return target;
  }

  /**
   * The system may hand out a port just released again: the broker refuses two listeners on one
   * port, as a CI run once showed.
   */
  private static int freePortOtherThan(int taken) throws IOException {
    int port = freePort();
    while (port == taken) {
      port = freePort();
    }
    return port;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
