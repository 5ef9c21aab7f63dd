package io.kafleet.traffic.kafka;

import io.kafleet.traffic.analysis.Analysis;
import io.kafleet.traffic.analysis.Measurement;
import io.kafleet.traffic.analysis.MetricQueries;
import io.kafleet.traffic.analysis.PrometheusServers;
import io.kafleet.traffic.rollouts.RolloutSpec;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes one analysis check: every metric of a rollout in every given cluster, as instant queries on
 * that cluster's Prometheus, asked together and answered asynchronously so that a slow server never
 * holds the traffic lock. A query that fails, times out or gives no single sample is a failed
 * measurement that says why.
 */
final class PrometheusChecks {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final PrometheusServers servers;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  PrometheusChecks(PrometheusServers servers) {
    this.servers = servers;
  }

  boolean configured() {
    return servers.any();
  }

  CompletableFuture<List<Measurement>> check(RolloutSpec spec, Collection<String> clusters) {
    List<CompletableFuture<Measurement>> asked = new ArrayList<>();
    for (String cluster : clusters) {
      for (Analysis.MetricGate gate : spec.analysis().metrics()) {
        asked.add(measure(spec, cluster, gate));
      }
    }
    return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new))
        .thenApply(done -> asked.stream().map(CompletableFuture::join).toList());
  }

  private CompletableFuture<Measurement> measure(
      RolloutSpec spec, String cluster, Analysis.MetricGate gate) {
    PrometheusServers.Server server = servers.forCluster(cluster).orElse(null);
    if (server == null) {
      return CompletableFuture.completedFuture(
          Measurement.failed(cluster, gate, "no Prometheus is configured for " + cluster));
    }
    String query =
        MetricQueries.render(
            gate,
            new MetricQueries.Scope(
                spec.virtualService().namespace(),
                spec.canaryDeployment().name(),
                cluster,
                server.clusterLabel()));
    URI uri =
        URI.create(
            server.url().toString().replaceAll("/+$", "")
                + "/api/v1/query?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> answer(cluster, gate, response))
        .exceptionally(
            e ->
                Measurement.failed(
                    cluster, gate, "Prometheus " + server.url() + " did not answer: " + cause(e)));
  }

  /** The one sample of an instant vector (or a scalar); anything else fails with its reason. */
  static Measurement answer(
      String cluster, Analysis.MetricGate gate, HttpResponse<String> response) {
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (RuntimeException e) {
      return Measurement.failed(cluster, gate, "HTTP " + response.statusCode() + ", not JSON");
    }
    if (response.statusCode() != 200 || !"success".equals(body.path("status").asString(""))) {
      return Measurement.failed(
          cluster,
          gate,
          "HTTP " + response.statusCode() + ": " + body.path("error").asString("no error given"));
    }
    JsonNode data = body.path("data");
    JsonNode sample;
    if ("scalar".equals(data.path("resultType").asString(""))) {
      sample = data.path("result");
    } else {
      JsonNode result = data.path("result");
      if (result.isEmpty()) {
        return Measurement.failed(cluster, gate, "no data");
      }
      if (result.size() > 1) {
        return Measurement.failed(
            cluster, gate, result.size() + " series; the query must give one");
      }
      sample = result.get(0).path("value");
    }
    try {
      return Measurement.of(cluster, gate, Double.parseDouble(sample.path(1).asString()));
    } catch (NumberFormatException e) {
      return Measurement.failed(cluster, gate, "not a number: " + sample);
    }
  }

  private static String cause(Throwable e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    return cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : " " + cause.getMessage());
  }
}
