package io.kafleet.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One read of an agent's {@code /metrics}, in the Prometheus text format: each series (name and
 * labels, as written) with its value.
 */
public record Scrape(Map<String, Double> series) {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Reads {@code /metrics} on the health port; fails unless it answers 200. */
  public static Scrape of(int healthPort) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/metrics"))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError("/metrics answered " + response.statusCode());
      }
      return parse(response.body());
    } catch (IOException e) {
      throw new AssertionError("/metrics cannot be read: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  public static Scrape parse(String text) {
    Map<String, Double> series = new LinkedHashMap<>();
    Arrays.stream(text.split("\n"))
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .forEach(
            line -> {
              int space = line.lastIndexOf(' ');
              series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            });
    return new Scrape(series);
  }

  /** The metric names present, without labels. */
  public Set<String> names() {
    return series.keySet().stream()
        .map(s -> s.contains("{") ? s.substring(0, s.indexOf('{')) : s)
        .collect(Collectors.toSet());
  }

  /** The value of the series with this name whose labels include all these; -1 when none. */
  public double value(String name, Map<String, String> labels) {
    return series.entrySet().stream()
        .filter(e -> e.getKey().startsWith(name + "{") || e.getKey().equals(name))
        .filter(
            e ->
                labels.entrySet().stream()
                    .allMatch(l -> e.getKey().contains(l.getKey() + "=\"" + l.getValue() + "\"")))
        .mapToDouble(Map.Entry::getValue)
        .findFirst()
        .orElse(-1);
  }

  @Override
  public String toString() {
    return series.entrySet().stream()
        .filter(e -> e.getKey().startsWith("kafleet_agent_") && !e.getKey().contains("_bucket"))
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining("\n"));
  }
}
