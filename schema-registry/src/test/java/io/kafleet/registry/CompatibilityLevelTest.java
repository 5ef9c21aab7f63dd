package io.kafleet.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {

  @Test
  void parsesEveryConfluentLevelInAnyCase() {
    for (CompatibilityLevel level : CompatibilityLevel.values()) {
      assertThat(CompatibilityLevel.parse(level.name().toLowerCase()))
          .as("parse(%s)", level.name().toLowerCase())
          .isEqualTo(level);
    }
    assertThat(CompatibilityLevel.parse(" Full_Transitive "))
        .as("parse(\" Full_Transitive \")")
        .isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
  }

  @Test
  void refusesOtherLevelsWithError42203() {
    for (String invalid : new String[] {"SIDEWAYS", "", null}) {
      assertThatThrownBy(() -> CompatibilityLevel.parse(invalid))
          .as("parse(%s)", invalid)
          .isInstanceOfSatisfying(
              RegistryException.class,
              e -> {
                assertThat(e.status()).as("HTTP status").isEqualTo(422);
                assertThat(e.errorCode()).as("error code").isEqualTo(42203);
              });
    }
  }

  @Test
  void directionsMatchTheirNames() {
    assertThat(CompatibilityLevel.BACKWARD.newReadsOld()).as("BACKWARD new reads old").isTrue();
    assertThat(CompatibilityLevel.BACKWARD.oldReadsNew()).as("BACKWARD old reads new").isFalse();
    assertThat(CompatibilityLevel.FORWARD.oldReadsNew()).as("FORWARD old reads new").isTrue();
    assertThat(CompatibilityLevel.FORWARD.newReadsOld()).as("FORWARD new reads old").isFalse();
    assertThat(CompatibilityLevel.FULL_TRANSITIVE)
        .as("FULL_TRANSITIVE")
        .matches(level -> level.newReadsOld() && level.oldReadsNew() && level.transitive());
    assertThat(CompatibilityLevel.NONE)
        .as("NONE")
        .matches(level -> !level.newReadsOld() && !level.oldReadsNew());
  }
}
