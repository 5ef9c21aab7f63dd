package io.kafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.cli.RolloutSteps.Metric;
import io.kafleet.cli.RolloutSteps.Step;
import io.kafleet.cli.RolloutSteps.TestHeader;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutStepsTest {

  @Test
  void stepsReadAsWeightsWithTheirPauses() {
    assertThat(RolloutSteps.parse("20:60, 50:promote,80:1m30s,100"))
        .containsExactly(
            new Step(20, 60L), new Step(50, null), new Step(80, 90L), new Step(100, 0L));
  }

  @Test
  void aBadStepNamesItselfAndTheExpectedForm() {
    assertThatThrownBy(() -> RolloutSteps.parse("20,fifty"))
        .hasMessage(
            "--steps: 'fifty': expected WEIGHT[:PAUSE], a whole percentage like 20 or 20:60");
    assertThatThrownBy(() -> RolloutSteps.parse("20:1:2"))
        .hasMessageStartingWith("--steps: '20:1:2': expected WEIGHT[:PAUSE]");
    assertThatThrownBy(() -> RolloutSteps.parse("20,,100"))
        .hasMessageStartingWith("--steps: '': expected WEIGHT[:PAUSE]");
  }

  @Test
  void aStepMayWantChecksAndSendAHeaderToTheCanary() {
    assertThat(RolloutSteps.parse("0:checks=5:header=x-canary:exact:true,20:60:checks=2,100"))
        .containsExactly(
            new Step(0, 0L, new TestHeader("x-canary", "exact", "true"), 5),
            new Step(20, 60L, null, 2),
            new Step(100, 0L));
    assertThat(RolloutSteps.parse("0:promote:header=cookie:regex:^(.*?;)?(canary=always)(;.*)?$"))
        .as("the header's value is the rest of the step, ':' included")
        .containsExactly(
            new Step(
                0,
                null,
                new TestHeader("cookie", "regex", "^(.*?;)?(canary=always)(;.*)?$"),
                null));
  }

  @Test
  void aBadCheckCountOrHeaderNamesTheStepAndTheExpectedForm() {
    assertThatThrownBy(() -> RolloutSteps.parse("0:checks=many"))
        .hasMessage(
            "--steps: '0:checks=many': 'checks=many': expected checks=N once, N a whole number like 3");
    assertThatThrownBy(() -> RolloutSteps.parse("0:header=x-canary:equals:true"))
        .hasMessage(
            "--steps: '0:header=x-canary:equals:true': 'header=x-canary:equals:true': expected"
                + " header=NAME:exact|prefix|regex:VALUE, e.g. header=x-canary:exact:true");
    assertThatThrownBy(() -> RolloutSteps.parse("0:header=x-canary"))
        .hasMessageStartingWith("--steps: '0:header=x-canary': 'header=x-canary': expected");
    assertThatThrownBy(() -> RolloutSteps.parse("20:60:5m"))
        .hasMessage(
            "--steps: '20:60:5m': expected WEIGHT[:PAUSE][:checks=N][:header=NAME:exact|prefix|regex:VALUE],"
                + " e.g. 20:60 or 0:checks=5:header=x-canary:exact:true");
  }

  @Test
  void metricsReadAsNameRangeWindowAndQuery() {
    assertThat(RolloutSteps.metric("request-success-rate:99.."))
        .isEqualTo(new Metric("request-success-rate", 99.0, null, null, null));
    assertThat(RolloutSteps.metric("request-duration:..500@1m"))
        .isEqualTo(new Metric("request-duration", null, 500.0, 60L, null));
    assertThat(RolloutSteps.metric("errors:0.5..1.5=sum(rate(x{a=\"b\"}[{{ interval }}]))"))
        .as("a query may hold '=', ':' and '..'")
        .isEqualTo(new Metric("errors", 0.5, 1.5, null, "sum(rate(x{a=\"b\"}[{{ interval }}]))"));
  }

  @Test
  void aBadMetricNamesItselfAndWhatWasWrong() {
    assertThatThrownBy(() -> RolloutSteps.metric("request-success-rate"))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith(
            "--metric: 'request-success-rate': expected NAME:MIN..MAX[@WINDOW][=PROMQL]");
    assertThatThrownBy(() -> RolloutSteps.metric("request-success-rate:.."))
        .hasMessage(
            "--metric: 'request-success-rate:..': the range needs a min or a max (99.., ..500, 0..1)");
    assertThatThrownBy(() -> RolloutSteps.metric("request-success-rate:ninety.."))
        .hasMessage("--metric: 'request-success-rate:ninety..': the min 'ninety' is not a number");
    assertThatThrownBy(() -> RolloutSteps.metric("request-duration:..500@soon"))
        .hasMessageStartingWith("--metric request-duration:..500@soon: 'soon' is not a duration");
  }

  @Test
  void wavesReadFromEitherForm() {
    List<List<String>> expected = List.of(List.of("member1"), List.of("member2", "member3"));

    assertThat(RolloutSteps.waves("member1;member2,member3", List.of())).isEqualTo(expected);
    assertThat(RolloutSteps.waves(null, List.of("member1", "member2, member3")))
        .isEqualTo(expected);
    assertThat(RolloutSteps.waves(null, List.of())).isEmpty();
  }

  @Test
  void anEmptyClusterNameInAWaveIsRefused() {
    assertThatThrownBy(() -> RolloutSteps.waves("member1;;member2", List.of()))
        .isInstanceOf(CliException.class)
        .hasMessage("--waves: '' has an empty cluster name (e.g. member1;member2,member3)");
  }
}
