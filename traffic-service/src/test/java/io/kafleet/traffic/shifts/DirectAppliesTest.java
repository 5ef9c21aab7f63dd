package io.kafleet.traffic.shifts;

import static io.kafleet.traffic.shifts.Podinfo.BLUE;
import static io.kafleet.traffic.shifts.Podinfo.GREEN_80;
import static io.kafleet.traffic.shifts.Podinfo.VS;
import static io.kafleet.traffic.shifts.Podinfo.route0;
import static io.kafleet.traffic.shifts.Podinfo.template;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.schemas.ObjectKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectAppliesTest {

  @Test
  void applyingGreen80OverBlueIsAShiftOfRouteZero() {
    List<ShiftRecord> seen =
        DirectApplies.detect(VS, template(1, BLUE, "alice"), template(2, GREEN_80, "bob"));
    assertThat(seen).hasSize(1);
    ShiftRecord shift = seen.get(0);
    assertThat(shift.id()).isEqualTo("apply-default-podinfo-g2");
    assertThat(shift.requested()).isEqualTo(route0(GREEN_80));
    assertThat(shift.requestedBy()).isEqualTo("bob");
    assertThat(shift.minGeneration()).isEqualTo(2);
    assertThat(shift.origin()).isEqualTo(ShiftRecord.Origin.APPLY);
    assertThat(shift.clusters()).as("every cluster holding it").isEmpty();
  }

  @Test
  void aVirtualServiceAppliedWithKafleetsTestRouteExpectsItInEveryCluster() {
    String withTestRoute =
        GREEN_80.replace(
            "\"http\":[",
            "\"http\":[{\"name\":\"kafleet-test-route\","
                + "\"match\":[{\"headers\":{\"x-canary\":{\"exact\":\"true\"}}}],"
                + "\"route\":[{\"destination\":{\"host\":\"podinfo\",\"subset\":\"green\"}}]},");
    assertThat(withTestRoute).isNotEqualTo(GREEN_80);

    List<ShiftRecord> seen =
        DirectApplies.detect(VS, template(1, BLUE, "alice"), template(2, withTestRoute, "bob"));

    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).requested())
        .as("route 0 as the user counts")
        .isEqualTo(route0(GREEN_80));
    assertThat(seen.get(0).testRoute().getSubset()).isEqualTo("green");
  }

  @Test
  void aShiftTrafficServiceAskedForIsNotCountedTwice() {
    assertThat(
            DirectApplies.detect(
                VS, template(1, BLUE, "alice"), template(2, GREEN_80, "alice (shift 1234)")))
        .isEmpty();
  }

  @Test
  void aNewGenerationWithTheSameWeightsIsNoShift() {
    String relabelled = BLUE.replace("\"hosts\":[\"*\"]", "\"hosts\":[\"podinfo.example.com\"]");
    assertThat(DirectApplies.detect(VS, template(1, BLUE, "a"), template(2, relabelled, "b")))
        .isEmpty();
  }

  @Test
  void theFirstGenerationAndOtherKindsAreNoShift() {
    assertThat(DirectApplies.detect(VS, null, template(1, BLUE, "a"))).isEmpty();
    ObjectKey rule = new ObjectKey("networking.istio.io", "DestinationRule", "default", "podinfo");
    assertThat(DirectApplies.detect(rule, template(1, BLUE, "a"), template(2, GREEN_80, "b")))
        .isEmpty();
  }
}
