package io.kafleet.traffic.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.traffic.PrometheusScrape;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IstioSeriesExporterTest {

  private static final long SECOND = 1_000_000_000L;
  private static final String MEMBER2 =
      "destination_workload_namespace=\"default\",destination_workload=\"podinfo-green\","
          + "cluster=\"member2\"";

  private final AtomicLong clock = new AtomicLong();
  private final IstioSeriesExporter exporter = IstioSeriesExporter.unstarted(clock::get);

  @Test
  void countersGrowAtTheRateServedSplitByResponseCode() {
    exporter.serve("member2", "default", "podinfo-green", 100, 0.2, 80);
    clock.addAndGet(10 * SECOND);

    PrometheusScrape scrape = new PrometheusScrape(exporter.text());

    assertThat(scrape.value("istio_requests_total", MEMBER2 + ",response_code=\"200\""))
        .isEqualTo(800);
    assertThat(scrape.value("istio_requests_total", MEMBER2 + ",response_code=\"503\""))
        .isEqualTo(200);
    assertThat(scrape.value("istio_request_duration_milliseconds_count", MEMBER2)).isEqualTo(1000);
    assertThat(scrape.value("istio_request_duration_milliseconds_sum", MEMBER2)).isEqualTo(80_000);
    assertThat(scrape.text()).contains("reporter=\"destination\"");
  }

  @Test
  void everyRequestFallsInTheBucketsFromItsLatencyUp() {
    exporter.serve("member2", "default", "podinfo-green", 10, 0, 80);
    clock.addAndGet(SECOND);

    PrometheusScrape scrape = new PrometheusScrape(exporter.text());

    assertThat(bucket(scrape, "50")).isZero();
    assertThat(bucket(scrape, "100")).isEqualTo(10);
    assertThat(bucket(scrape, "3600000")).isEqualTo(10);
    assertThat(bucket(scrape, "+Inf")).isEqualTo(10);
    assertThat(bucket(scrape, "0.5")).isZero();
  }

  @Test
  void servingAgainChangesTheRatesFromThenOnWithoutResettingTheCounters() {
    exporter.serve("member2", "default", "podinfo-green", 100, 0.5, 10);
    clock.addAndGet(10 * SECOND);
    exporter.serve("member2", "default", "podinfo-green", 10, 0, 1000);
    clock.addAndGet(10 * SECOND);

    PrometheusScrape scrape = new PrometheusScrape(exporter.text());

    assertThat(scrape.value("istio_requests_total", MEMBER2 + ",response_code=\"200\""))
        .isEqualTo(500 + 100);
    assertThat(scrape.value("istio_requests_total", MEMBER2 + ",response_code=\"503\""))
        .isEqualTo(500);
    assertThat(bucket(scrape, "10")).isEqualTo(1000);
    assertThat(bucket(scrape, "1000")).isEqualTo(1100);
    assertThat(scrape.value("istio_request_duration_milliseconds_sum", MEMBER2))
        .isEqualTo(10_000 + 100_000);
  }

  @Test
  void aRateOutsideItsRangeIsRefusedByName() {
    assertThatThrownBy(() -> exporter.serve("member1", "default", "w", 1, 1.5, 10))
        .hasMessage("errorRatio must be within [0, 1], was 1.5");
    assertThatThrownBy(() -> exporter.serve("member1", "default", "w", -1, 0, 10))
        .hasMessage("requestsPerSecond must be 0 or more, was -1.0");
    assertThat(exporter.text()).doesNotContain("cluster=\"member1\"");
  }

  private static double bucket(PrometheusScrape scrape, String le) {
    return scrape.value(
        "istio_request_duration_milliseconds_bucket", MEMBER2 + ",le=\"" + le + "\"");
  }
}
