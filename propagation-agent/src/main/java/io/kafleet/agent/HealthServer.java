package io.kafleet.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kafleet.agent.metrics.AgentMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The agent's probes for the kubelet, on {@value #PORT} (default {@value #DEFAULT_PORT}): {@code
 * GET /healthz} answers 200 while the agent is live, {@code GET /readyz} 200 once it is ready; 503
 * otherwise; {@code GET /metrics} serves the agent's meters in the Prometheus text format (no
 * token: the port is reachable inside the member only). Plain JDK HTTP server: the agent carries no
 * web framework for three URLs.
 */
public final class HealthServer implements AutoCloseable {

  public static final String PORT = "KAFLEET_HEALTH_PORT";
  public static final int DEFAULT_PORT = 8080;

  /** What the probes ask; called on the server's thread, so it must answer at once. */
  public interface Probes {
    boolean live();

    boolean ready();
  }

  private final HttpServer server;

  private HealthServer(HttpServer server) {
    this.server = server;
  }

  /** Binds every interface on the port (0: any free port) and serves the probes and metrics. */
  public static HealthServer start(int port, Probes probes, AgentMetrics metrics) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          PORT + ": cannot listen on port " + port + " for the probes: " + e.getMessage(), e);
    }
    server.createContext("/", exchange -> answer(exchange, probes, metrics));
    server.start();
    return new HealthServer(server);
  }

  /** The probes' port from {@value #PORT}, a whole number from 1 to 65535. */
  public static int port(Environment env) {
    Optional<String> value = env.optional(PORT);
    if (value.isEmpty()) {
      return DEFAULT_PORT;
    }
    try {
      int port = Integer.parseInt(value.get());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below, with the value
    }
    throw new InvalidSettingException(PORT, "'" + value.get() + "' is not a port (1-65535)");
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static void answer(HttpExchange exchange, Probes probes, AgentMetrics metrics)
      throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "method not allowed");
        return;
      }
      switch (exchange.getRequestURI().getPath()) {
        case "/healthz" -> probe(exchange, probes.live(), "a service failed");
        case "/readyz" -> probe(exchange, probes.ready(), "not ready");
        case "/metrics" -> send(exchange, 200, AgentMetrics.contentType(), metrics.scrape());
        default -> send(exchange, 404, "not found: /healthz, /readyz or /metrics");
      }
    }
  }

  private static void probe(HttpExchange exchange, boolean ok, String otherwise)
      throws IOException {
    send(exchange, ok ? 200 : 503, ok ? "ok" : otherwise);
  }

  private static void send(HttpExchange exchange, int status, String text) throws IOException {
    send(exchange, status, "text/plain; charset=utf-8", text + "\n");
  }

  private static void send(HttpExchange exchange, int status, String contentType, String text)
      throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
