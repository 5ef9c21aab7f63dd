package io.kafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.cli.RolloutSteps.Step;
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
