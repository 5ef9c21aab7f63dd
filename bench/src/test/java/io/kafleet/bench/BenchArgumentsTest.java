package io.kafleet.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchArgumentsTest {

  @Test
  void theFullRunBuildsAFleetOf100000WorksAndTheQuickOne10000() {
    assertThat(Bench.parse(new String[] {}).fleetWorks()).isEqualTo(100_000);
    assertThat(Bench.parse(new String[] {"--quick"}).fleetWorks()).isEqualTo(10_000);
  }

  @Test
  void fleetWorksSetsTheFleetAndShrinksTheSmallFleetBelowIt() {
    BenchSettings settings = Bench.parse(new String[] {"--quick", "--fleet-works", "500"});

    assertThat(settings.fleetWorks()).isEqualTo(500);
    assertThat(settings.smallFleetWorks()).isEqualTo(500);
    assertThat(settings.name()).isEqualTo("quick");
    assertThat(Bench.parse(new String[] {"--fleet-works", "250_000"}).fleetWorks())
        .isEqualTo(250_000);
  }

  @Test
  void aFleetSizeThatIsNotAWholeNumberIsRefusedNamingTheOption() {
    assertThatThrownBy(() -> Bench.parse(new String[] {"--fleet-works", "lots"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--fleet-works: 'lots' is not a whole number");
    assertThatThrownBy(() -> Bench.parse(new String[] {"--fleet-works", "-3"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--fleet-works: must be 0 or more");
    assertThatThrownBy(() -> Bench.parse(new String[] {"--fleet-works"}))
        .hasMessage("--fleet-works needs a value");
  }
}
