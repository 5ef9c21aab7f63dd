package io.kafleet.traffic.analysis;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Serves {@code /metrics} on 127.0.0.1 in the Prometheus text format with the series an Istio
 * sidecar reports for inbound requests, for the workloads and at the rates the test chooses:
 *
 * <ul>
 *   <li>{@code istio_requests_total{reporter="destination", destination_workload_namespace,
 *       destination_workload, response_code="200"|"503", cluster}}, counters;
 *   <li>{@code istio_request_duration_milliseconds_bucket{... the same without response_code ...,
 *       le}} with {@code _sum} and {@code _count}, a histogram on Istio's default buckets.
 * </ul>
 *
 * <p>Counters are computed from the elapsed time at each scrape, so they grow continuously without
 * a thread of their own. Every request of a workload takes exactly the latency served: a {@code
 * histogram_quantile} over it reads a value interpolated inside the Istio bucket holding that
 * latency, just under the bucket's upper bound (serve a bound such as 50, 100, 250, 500 or 1000 to
 * read about that number back).
 */
public final class IstioSeriesExporter implements AutoCloseable {

  /** Istio's default buckets for istio_request_duration_milliseconds. */
  static final List<Double> BUCKETS =
      List.of(
          0.5, 1.0, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0, 5000.0, 10000.0,
          30000.0, 60000.0, 300000.0, 600000.0, 1800000.0, 3600000.0);

  private final HttpServer server;
  private final LongSupplier nanoClock;
  private final Map<Workload, Traffic> served = new LinkedHashMap<>();

  private IstioSeriesExporter(HttpServer server, LongSupplier nanoClock) {
    this.server = server;
    this.nanoClock = nanoClock;
  }

  /** Starts serving on a free port of 127.0.0.1, with no series until {@link #serve}. */
  public static IstioSeriesExporter start() {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1 for the Istio series", e);
    }
    IstioSeriesExporter exporter = new IstioSeriesExporter(server, System::nanoTime);
    server.createContext("/metrics", exporter::scrape);
    server.start();
    return exporter;
  }

  /** For tests of the text itself: no server, the given clock. */
  static IstioSeriesExporter unstarted(LongSupplier nanoClock) {
    return new IstioSeriesExporter(null, nanoClock);
  }

  /** The scrape target, {@code 127.0.0.1:port}. */
  public String target() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * From now on, {@code workload} in {@code namespace} of {@code cluster} receives {@code
   * requestsPerSecond}, of which the fraction {@code errorRatio} answers 503 and the rest 200, each
   * taking {@code latencyMillis}. A later call for the same workload changes the rates from that
   * moment on; the counters go on from where they are, never reset.
   */
  public synchronized void serve(
      String cluster,
      String namespace,
      String workload,
      double requestsPerSecond,
      double errorRatio,
      double latencyMillis) {
    if (!(requestsPerSecond >= 0)) {
      throw new IllegalArgumentException(
          "requestsPerSecond must be 0 or more, was " + requestsPerSecond);
    }
    if (!(errorRatio >= 0 && errorRatio <= 1)) {
      throw new IllegalArgumentException("errorRatio must be within [0, 1], was " + errorRatio);
    }
    if (!(latencyMillis >= 0)) {
      throw new IllegalArgumentException("latencyMillis must be 0 or more, was " + latencyMillis);
    }
    long now = nanoClock.getAsLong();
    Workload key = new Workload(cluster, namespace, workload);
    Counts sofar = served.containsKey(key) ? served.get(key).countsAt(now) : Counts.NONE;
    served.put(key, new Traffic(now, sofar, requestsPerSecond, errorRatio, latencyMillis));
  }

  /** The exposition as a scrape at this moment sees it. */
  synchronized String text() {
    long now = nanoClock.getAsLong();
    StringBuilder out = new StringBuilder();
    out.append("# HELP istio_requests_total Total requests.\n");
    out.append("# TYPE istio_requests_total counter\n");
    served.forEach(
        (workload, traffic) -> {
          Counts counts = traffic.countsAt(now);
          sample(out, "istio_requests_total", workload.labels("response_code", "200"), counts.ok());
          sample(
              out,
              "istio_requests_total",
              workload.labels("response_code", "503"),
              counts.errors());
        });
    out.append("# HELP istio_request_duration_milliseconds Request duration.\n");
    out.append("# TYPE istio_request_duration_milliseconds histogram\n");
    served.forEach(
        (workload, traffic) -> {
          Counts counts = traffic.countsAt(now);
          for (int i = 0; i < BUCKETS.size(); i++) {
            sample(
                out,
                "istio_request_duration_milliseconds_bucket",
                workload.labels("le", number(BUCKETS.get(i))),
                counts.buckets()[i]);
          }
          String all = workload.labels("le", "+Inf");
          sample(out, "istio_request_duration_milliseconds_bucket", all, counts.total());
          sample(out, "istio_request_duration_milliseconds_sum", workload.labels(), counts.sum());
          sample(
              out, "istio_request_duration_milliseconds_count", workload.labels(), counts.total());
        });
    return out.toString();
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
  }

  private void scrape(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = text().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static void sample(StringBuilder out, String name, String labels, double value) {
    out.append(name).append(labels).append(' ').append(number(value)).append('\n');
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }

  private record Workload(String cluster, String namespace, String name) {

    String labels(String... more) {
      StringBuilder labels =
          new StringBuilder("{reporter=\"destination\"")
              .append(",destination_workload_namespace=\"")
              .append(escape(namespace))
              .append("\",destination_workload=\"")
              .append(escape(name))
              .append("\",cluster=\"")
              .append(escape(cluster))
              .append('"');
      for (int i = 0; i < more.length; i += 2) {
        labels.append(',').append(more[i]).append("=\"").append(escape(more[i + 1])).append('"');
      }
      return labels.append('}').toString();
    }

    private static String escape(String value) {
      return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
  }

  /** What a workload has counted: answers by code, the histogram's buckets, the latencies' sum. */
  private record Counts(double ok, double errors, double[] buckets, double sum) {

    static final Counts NONE = new Counts(0, 0, new double[BUCKETS.size()], 0);

    double total() {
      return ok + errors;
    }

    Counts plus(double requests, double errorRatio, double latencyMillis) {
      double[] more = buckets.clone();
      for (int i = 0; i < more.length; i++) {
        if (latencyMillis <= BUCKETS.get(i)) {
          more[i] += requests;
        }
      }
      return new Counts(
          ok + requests * (1 - errorRatio),
          errors + requests * errorRatio,
          more,
          sum + requests * latencyMillis);
    }
  }

  /** The rates served since {@code sinceNanos}, over what had been counted by then. */
  private record Traffic(
      long sinceNanos,
      Counts counted,
      double requestsPerSecond,
      double errorRatio,
      double latencyMillis) {

    Counts countsAt(long nowNanos) {
      double seconds = (nowNanos - sinceNanos) / 1e9;
      return counted.plus(requestsPerSecond * seconds, errorRatio, latencyMillis);
    }
  }
}
