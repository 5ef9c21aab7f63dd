package io.kafleet.e2e.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Chaos scenario 1: the broker is killed with SIGKILL in the middle of a 1,000 × 2 fan-out (1,000
 * ConfigMaps to two members) and started again on the same port and log directory.
 * placement-service and the agents are not touched: they reconnect by themselves, every work ends
 * Applied, none is lost and none is written twice.
 */
@ExtendWith(ChaosFleetExtension.class)
class BrokerLossIT {

  private static final int OBJECTS = 1000;
  private static final String NAMESPACE = "chaos-broker";

  @Test
  void aBrokerKilledDuringAFanOutComesBackAndEveryWorkEndsAppliedOnce(ChaosFleet fleet) {
    List<MemberWrites> writes = new ArrayList<>();
    for (ChaosFleet.FleetMember member : fleet.members()) {
      writes.add(MemberWrites.watch(member.name(), member.client(), NAMESPACE));
    }
    try {
      List<String> documents = new ArrayList<>(List.of(ChaosManifests.policy(NAMESPACE)));
      for (int i = 0; i < OBJECTS; i++) {
        documents.add(ChaosManifests.configMap(NAMESPACE, "cm-" + i, "v" + i));
      }
      HttpResponse<String> applied = fleet.apply(ChaosManifests.documents(documents));
      assertThat(applied.statusCode()).as("the fan-out's apply: %s", applied.body()).isEqualTo(200);

      // In the middle: the agents have applied some of the objects, far from all.
      await("a fifth of the fan-out in the members")
          .atMost(ChaosFleet.PATIENCE)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> written(writes) >= 2 * OBJECTS / 5);
      fleet.killBroker();
      int writtenAtKill = written(writes);
      System.out.printf(
          "broker killed with %d of %d objects in the members%n", writtenAtKill, 2 * OBJECTS);
      assertThat(writtenAtKill).as("objects in the members at the kill").isLessThan(2 * OBJECTS);
      fleet.restartBroker();

      FleetEffects effects = FleetEffects.awaitSettled(fleet, NAMESPACE, writes, 2 * OBJECTS);
      System.out.println(effects.summary("broker killed during a 1000 x 2 fan-out"));
      assertThat(effects.workCount()).as("works committed").isEqualTo(2 * OBJECTS);
      assertThat(effects.lost()).as("lost effects").isEmpty();
      assertThat(effects.duplicatedWrites())
          .as("objects written twice for one generation")
          .isEmpty();
      assertThat(effects.duplicatedReports()).as("outcomes reported twice").isEmpty();
    } finally {
      writes.forEach(MemberWrites::close);
    }
  }

  private static int written(List<MemberWrites> writes) {
    return writes.stream().mapToInt(MemberWrites::written).sum();
  }
}
