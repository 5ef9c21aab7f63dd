package io.kafleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.devstack.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What {@code ./kafleet up --scenario bookinfo} does once the stack is up. */
@ExtendWith(SuiteExtension.class)
class UpScenarioE2EIT {

  private static Suite suite;
  private BookinfoSeed bookinfo;

  @BeforeAll
  static void useTheSuite(Suite shared) {
    suite = shared;
  }

  @BeforeEach
  void startFromAFleetWithoutBookinfo() {
    bookinfo = new BookinfoSeed(suite);
    bookinfo.removeFromFleet();
  }

  @AfterEach
  void leaveTheFleetAsFound() {
    bookinfo.removeFromFleet();
  }

  @Test
  void theBookinfoScenarioLandsAsTheTableSaysAndTheUserIsToldWhatToTryNext() throws Exception {
    Scenario scenario = Scenario.named("bookinfo", Scenarios.locate().root(), Suite.MEMBERS);

    String told = suite.stack().play(scenario);

    assertThat(told)
        .as("what up --scenario bookinfo prints")
        .contains("./kafleet apply -f " + Scenarios.locate().root().resolve("bookinfo"))
        .contains("propagationpolicy/produtpage-propagation created")
        .contains("./kafleet get deployments -m member2");
    for (String cluster : Suite.MEMBERS) {
      bookinfo.assertLandedIn(cluster);
    }
  }
}
