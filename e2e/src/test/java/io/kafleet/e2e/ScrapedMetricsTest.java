package io.kafleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScrapedMetricsTest {

  private static final String TEXT =
      """
      # HELP kafleet_agent_applies_total applies by the agent
      # TYPE kafleet_agent_applies_total counter
      kafleet_agent_applies_total{cluster="member1",kind="Deployment",outcome="Applied"} 3.0
      kafleet_agent_applies_total{cluster="member1",kind="Service",outcome="Applied"} 2.0
      kafleet_agent_apply_duration_seconds_bucket{cluster="member1",kind="Deployment",le="+Inf"} 3
      weird_labels{path="/a}b",quote="say \\"hi\\""} 1 1700000000000
      # TYPE declared_only gauge
      """;

  @Test
  void namesAreThoseWithSamplesAndSumsAddEverySeries() {
    ScrapedMetrics scrape = ScrapedMetrics.parse("agent", TEXT);

    assertThat(scrape.names())
        .containsExactly(
            "kafleet_agent_applies_total",
            "kafleet_agent_apply_duration_seconds_bucket",
            "weird_labels");
    assertThat(scrape.sum("kafleet_agent_applies_total")).isEqualTo(5.0);
    assertThat(scrape.sum("declared_only")).isZero();
    assertThat(scrape.samples().get(3).labels())
        .isEqualTo("path=\"/a}b\",quote=\"say \\\"hi\\\"\"");
  }

  @Test
  void aLineThatIsNoSampleIsReportedWithItsSourceAndLine() {
    assertThatThrownBy(() -> ScrapedMetrics.parse("placement", "ok 1\nbroken{a=\"b\" 1\n"))
        .hasMessage("placement line 2 is not a Prometheus sample: broken{a=\"b\" 1");
  }
}
