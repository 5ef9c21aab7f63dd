package io.kafleet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FloorMultiplesTest {

  private static Map<String, Object> percentiles(double p50, double p99) {
    return Map.of("samples", 10, "p50Ms", p50, "p90Ms", p99, "p99Ms", p99, "maxMs", p99);
  }

  private static Map<String, Object> distribution(
      double applied99, double member99, double call99) {
    return Map.of(
        "fromRequestSentToApplied", percentiles(applied99 / 2, applied99),
        "fromRequestSentToInMember", percentiles(member99 / 2, member99),
        "applyCall", percentiles(call99 / 2, call99));
  }

  private static Map<String, Object> results(Map<String, Object> serverSideApply) {
    return Map.of(
        "floor",
        Map.of(
            "kafka",
            Map.of(
                "produceToConsume", percentiles(2, 4),
                "transactionCommit", percentiles(5, 10)),
            "serverSideApply",
            serverSideApply),
        "distribution",
        Map.of(
            "memoryx10", distribution(60, 50, 30),
            "memoryx10-smallfleet", distribution(40, 30, 20),
            "kubex2", distribution(120, 100, 30)),
        "shiftConvergence",
        List.of(Map.of("clusters", 10, "p99Ms", 120.0)));
  }

  @Test
  void distributionIsOverOneKafkaHopPlusOneApplyOnTheSameKindOfApiServer() {
    Map<String, Object> multiples =
        FloorMultiples.of(
            results(Map.of("memory", percentiles(1, 2), "kube", percentiles(10, 16))));

    Map<?, ?> memory = (Map<?, ?>) multiples.get("memoryx10");
    assertThat(memory.get("floorP99Ms")).isEqualTo(6.0); // 4 + 2
    assertThat(memory.get("toAppliedP99")).isEqualTo(10.0); // 60 / 6
    assertThat(memory.get("toAppliedP50")).isEqualTo(10.0); // 30 / (2 + 1)
    assertThat(memory.get("inMemberP99")).isEqualTo(8.3); // 50 / 6
    Map<?, ?> kube = (Map<?, ?>) multiples.get("kubex2");
    assertThat(kube.get("toAppliedP99")).isEqualTo(6.0); // 120 / (4 + 16)
  }

  @Test
  void theApplyCallIsOverOneTransactionAndComparedAcrossFleetSizes() {
    Map<String, Object> multiples = FloorMultiples.of(results(Map.of("memory", percentiles(1, 2))));

    assertThat(((Map<?, ?>) multiples.get("memoryx10")).get("applyCallP99OverTransactionP99"))
        .isEqualTo(3.0);
    assertThat(multiples.get("memoryx10-applyCallP99FleetRatio")).isEqualTo(1.5); // 30 / 20
    assertThat(multiples.get("shift10P99")).isEqualTo(20.0); // 120 / 6
  }

  @Test
  @SuppressWarnings("unchecked")
  void aFigureWhoseApiServerFloorWasNotMeasuredHasNoMultipleOfIt() {
    Map<String, Object> multiples = FloorMultiples.of(results(Map.of("memory", percentiles(1, 2))));

    assertThat((Map<String, Object>) multiples.get("kubex2"))
        .doesNotContainKey("toAppliedP99")
        .containsKey("applyCallP99OverTransactionP99");
  }
}
