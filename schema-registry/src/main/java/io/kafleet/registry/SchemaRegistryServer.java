package io.kafleet.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A schema registry that speaks a subset of the Confluent Schema Registry REST API (Avro only) and
 * keeps its state in a compacted Kafka topic: kafleet's embedded default for the dev stack and the
 * tests. Production uses Confluent Schema Registry.
 *
 * <p>Several instances may serve the same topic at once; the topic orders their changes, so they
 * agree on every id and version.
 *
 * <pre>{@code
 * try (SchemaRegistryServer registry =
 *     SchemaRegistryServer.start(RegistrySettings.of("localhost:9092"))) {
 *   String url = registry.url(); // http://127.0.0.1:PORT
 * }
 * }</pre>
 */
public final class SchemaRegistryServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SchemaRegistryServer.class);
  private static final int HTTP_THREADS = 8;
  private static final AtomicInteger SERVERS = new AtomicInteger();

  static {
    // The JDK's server writes headers and body separately; with Nagle's algorithm on, the body
    // waits for the client's delayed ACK, about 40 ms per request. Read once, when the first
    // server starts; a value set explicitly wins.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer http;
  private final ExecutorService workers;
  private final SchemaLog store;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SchemaRegistryServer(HttpServer http, ExecutorService workers, SchemaLog store) {
    this.http = http;
    this.workers = workers;
    this.store = store;
  }

  /**
   * Reads the store topic (creating it if missing) to its end, then serves on the settings' host
   * and port.
   *
   * @throws IllegalStateException when Kafka cannot be reached or the topic cannot be read in time
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static SchemaRegistryServer start(RegistrySettings settings) {
    RegistryState state = new RegistryState();
    SchemaLog store = KafkaSchemaLog.open(settings, state::apply);
    try {
      SchemaRegistryServer server = serve(settings, state, store);
      log.info("Schema registry on {} keeps its schemas in {}", server.url(), settings.topic());
      return server;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** Serves a state kept by any log: the tests give it one in memory. */
  static SchemaRegistryServer serve(
      RegistrySettings settings, RegistryState state, SchemaLog store) {
    Router router = RegistryRoutes.create(new SchemaRegistry(state, store));
    Optional<BasicAuth> auth = Optional.ofNullable(settings.basicAuth()).map(BasicAuth::new);
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot listen on " + settings.host() + ":" + settings.port(), e);
    }
    int server = SERVERS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService workers =
        Executors.newFixedThreadPool(
            HTTP_THREADS,
            task -> {
              Thread thread =
                  new Thread(
                      task,
                      "kafleet-schema-registry-" + server + "-http-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    http.setExecutor(workers);
    http.createContext("/", new RegistryHttpHandler(router, auth, JsonMapper.builder().build()));
    http.start();
    return new SchemaRegistryServer(http, workers, store);
  }

  /** The base URL clients use, such as {@code http://127.0.0.1:8081}. */
  public String url() {
    InetSocketAddress address = http.getAddress();
    InetAddress host =
        address.getAddress().isAnyLocalAddress()
            ? InetAddress.getLoopbackAddress()
            : address.getAddress();
    String hostText = host.getHostAddress();
    return "http://"
        + (hostText.contains(":") ? "[" + hostText + "]" : hostText)
        + ":"
        + address.getPort();
  }

  public int port() {
    return http.getAddress().getPort();
  }

  /** Stops serving and leaves the topic as it is, for the next start. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      http.stop(0);
      workers.shutdownNow();
      store.close();
    }
  }

  /**
   * Runs a registry until the JVM stops: {@code --bootstrap-servers HOST:PORT [--port 8081]
   * [--topic _kafleet-schemas] [--host 127.0.0.1] [--basic-auth user:password]
   * [--replication-factor 1]}.
   */
  public static void main(String[] args) throws InterruptedException {
    RegistrySettings settings;
    try {
      settings = ServerCommandLine.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(ServerCommandLine.USAGE);
      System.exit(2);
      return;
    }
    SchemaRegistryServer server;
    try {
      server = start(settings);
    } catch (IllegalStateException | UncheckedIOException e) {
      System.err.println("kafleet schema registry could not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(new Thread(server::close, "kafleet-schema-registry-shutdown"));
    System.out.println("kafleet schema registry listening on " + server.url());
    new CountDownLatch(1).await();
  }
}
