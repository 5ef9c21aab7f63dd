package io.kafleet.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void namesPerClusterTopicsAsTheDesignFixesThem() {
    assertThat(Topics.DEFAULT.executionSpace("member1")).isEqualTo("kafleet.es.member1");
    assertThat(Topics.DEFAULT.status("member2")).isEqualTo("kafleet.status.member2");
    assertThat(Topics.DEFAULT.placementEvents()).isEqualTo("kafleet.placement.events");
    assertThat(Topics.DEFAULT.trafficEvents()).isEqualTo("kafleet.traffic.events");
  }

  @Test
  void prefixesEveryTopicSoFleetsCanShareABroker() {
    Topics topics = new Topics("t1-");
    assertThat(topics.executionSpace("member1")).isEqualTo("t1-kafleet.es.member1");
    assertThat(topics.templates()).isEqualTo("t1-kafleet.templates");
  }

  @Test
  void refusesClusterNamesThatAreNotDnsLabels() {
    assertThatThrownBy(() -> Topics.DEFAULT.executionSpace("Member_1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Member_1")
        .hasMessageContaining("DNS label");
    assertThat(Topics.isValidClusterName("a".repeat(64))).isFalse();
    assertThat(Topics.isValidClusterName("member-1")).isTrue();
  }
}
