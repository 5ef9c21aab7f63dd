package io.kafleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The metrics of all three components, scraped live from the suite as Prometheus would: {@code
 * /actuator/prometheus} of placement-service and traffic-service (HTTPS with the stack's CA, a
 * viewer token) and {@code /metrics} on each agent's health port. Applying the bookinfo and podinfo
 * seeds and one traffic shift moves the work, apply, agent-apply and shift counters, and every
 * metric the Grafana dashboard of {@code deploy/grafana} queries is among the scraped names.
 */
@ExtendWith(SuiteExtension.class)
class MetricsE2EIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static Suite suite;
  private static ApiCalls services;
  private static HttpClient agents;

  @BeforeAll
  static void useTheSuite(Suite shared) {
    suite = shared;
    services = ApiCalls.trusting(suite.stack().sslContext());
    // The agents' /metrics asks for no token: plain HTTP on the health port, no Authorization.
    agents = HttpClient.newHttpClient();
  }

  @Test
  void theSeedsAndAShiftMoveTheCountersAndEveryDashboardMetricIsScraped() throws Exception {
    BookinfoSeed bookinfo = new BookinfoSeed(suite);
    bookinfo.removeFromFleet();
    Map<String, ScrapedMetrics> before = scrapeAll();

    bookinfo.apply();
    for (String cluster : Suite.MEMBERS) {
      bookinfo.assertLandedIn(cluster);
    }
    applyPodinfoAndShift();

    Map<String, ScrapedMetrics> after = scrapeAll();
    Set<String> scraped = new TreeSet<>();
    after.values().forEach(scrape -> scraped.addAll(scrape.names()));
    Set<String> missing = new TreeSet<>(GrafanaDashboard.load(ROOT).metrics());
    missing.removeAll(scraped);
    SoftAssertions softly = new SoftAssertions();
    after.forEach(
        (component, scrape) ->
            softly.assertThat(scrape.source()).as("scrape of %s", component).startsWith("GET "));
    softly
        .assertThat(missing)
        .as(
            "metrics the dashboard %s queries that no live scrape (%s) exports",
            GrafanaDashboard.FILE, after.keySet())
        .isEmpty();
    softly.assertAll();

    Suite.await(
        () -> countersMoved(before, scrapeAll()).isEmpty(),
        "the work, apply, agent apply and shift counters moved after the seeds and the shift");
  }

  /**
   * The counters that have not moved yet, as messages; the agents' and the services' counters are
   * updated just after the work they count, so the caller waits for them.
   */
  private static List<String> countersMoved(
      Map<String, ScrapedMetrics> before, Map<String, ScrapedMetrics> now) {
    SoftAssertions softly = new SoftAssertions();
    moved(softly, before, now, "placement", "kafleet_placement_works_written_total");
    moved(softly, before, now, "placement", "kafleet_placement_apply_duration_seconds_count");
    moved(softly, before, now, "placement", "kafleet_placement_decisions_total");
    moved(softly, before, now, "traffic", "kafleet_traffic_shifts_total");
    moved(softly, before, now, "traffic", "kafleet_traffic_shift_convergence_seconds_count");
    for (String cluster : Suite.MEMBERS) {
      moved(softly, before, now, cluster, "kafleet_agent_applies_total");
      moved(softly, before, now, cluster, "kafleet_agent_apply_duration_seconds_count");
    }
    return softly.errorsCollected().stream().map(Throwable::getMessage).toList();
  }

  private static void moved(
      SoftAssertions softly,
      Map<String, ScrapedMetrics> before,
      Map<String, ScrapedMetrics> now,
      String component,
      String counter) {
    softly
        .assertThat(now.get(component).sum(counter))
        .as("%s %s", component, counter)
        .isGreaterThan(before.get(component).sum(counter));
  }

  /** podinfo as its scenario applies it, then a shift with the CLI, waited for. */
  private static void applyPodinfoAndShift() throws Exception {
    suite.applyPodinfo();
    for (String cluster : Suite.MEMBERS) {
      try (KubernetesClient member = suite.member(cluster)) {
        Suite.await(
            () ->
                Suite.names(member.apps().deployments().inNamespace("default").list().getItems())
                    .containsAll(List.of("podinfo-blue", "podinfo-green")),
            "both podinfo Deployments in " + cluster);
      }
    }
    String shifted =
        suite.kafleet("traffic", "set", "podinfo", "--weights", "green=10,blue=90", "--wait");
    assertThat(shifted)
        .as("kafleet traffic set --wait")
        .containsPattern("member1\\s+Converged\\s+green=10,blue=90")
        .containsPattern("member2\\s+Converged\\s+green=10,blue=90");
  }

  /** placement, traffic and each member's agent, scraped now. */
  private static Map<String, ScrapedMetrics> scrapeAll() {
    String viewer = suite.stack().tokens().viewer();
    Map<String, ScrapedMetrics> scrapes = new LinkedHashMap<>();
    String placement = suite.stack().placementUrl() + "/actuator/prometheus";
    scrapes.put("placement", scraped(placement, services.get(placement, viewer)));
    String traffic = suite.stack().trafficUrl() + "/actuator/prometheus";
    scrapes.put("traffic", scraped(traffic, services.get(traffic, viewer)));
    for (String cluster : Suite.MEMBERS) {
      String url = suite.cluster(cluster).healthUrl() + "/metrics";
      HttpResponse<String> answer;
      try {
        answer =
            agents.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(ApiCalls.TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
      } catch (Exception e) {
        throw new IllegalStateException("GET " + url, e);
      }
      scrapes.put(cluster, scraped(url, answer));
    }
    return scrapes;
  }

  /**
   * The scrape, its source {@code GET url}; a scrape answered otherwise than 200 has no samples and
   * says so in its source, so that the test can list every missing name at once.
   */
  private static ScrapedMetrics scraped(String url, HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      return new ScrapedMetrics(
          "no metrics: GET "
              + url
              + " answered "
              + response.statusCode()
              + " "
              + response.body().lines().findFirst().orElse(""),
          List.of());
    }
    return ScrapedMetrics.parse("GET " + url, response.body());
  }
}
