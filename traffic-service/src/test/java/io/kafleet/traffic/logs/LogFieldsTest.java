package io.kafleet.traffic.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogFieldsTest {

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void theFieldsAreSetForTheWorkAndGoneAfter() {
    try (LogFields fields = LogFields.of(LogFields.SHIFT, "s-1", LogFields.CLUSTER, "member1")) {
      assertThat(MDC.get("shift")).isEqualTo("s-1");
      assertThat(MDC.get("cluster")).isEqualTo("member1");
    }
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void anInnerScopeGivesTheOuterOneItsFieldsBack() {
    try (LogFields rollout = LogFields.of(LogFields.ROLLOUT, "r-1", LogFields.OBJECT, "vs-a")) {
      try (LogFields shift = LogFields.of(LogFields.SHIFT, "s-1", LogFields.OBJECT, "vs-b")) {
        assertThat(MDC.get("object")).isEqualTo("vs-b");
      }
      assertThat(MDC.get("object")).isEqualTo("vs-a");
      assertThat(MDC.get("rollout")).isEqualTo("r-1");
      assertThat(MDC.get("shift")).isNull();
    }
  }

  @Test
  void aNullValueLeavesItsFieldOut() {
    try (LogFields fields = LogFields.of(LogFields.SHIFT, "s-1", LogFields.CLUSTER, null)) {
      assertThat(MDC.getCopyOfContextMap()).containsOnlyKeys("shift");
    }
  }

  @Test
  void fieldsComeInPairs() {
    assertThatThrownBy(() -> LogFields.of(LogFields.SHIFT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pairs");
  }
}
