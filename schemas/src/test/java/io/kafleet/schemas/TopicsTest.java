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
    assertThat(Topics.DEFAULT.query("member1")).isEqualTo("kafleet.query.member1");
    assertThat(Topics.DEFAULT.queryReply("member1")).isEqualTo("kafleet.query-reply.member1");
  }

  @Test
  void prefixesEveryTopicSoFleetsCanShareABroker() {
    Topics topics = new Topics("t1-");
    assertThat(topics.executionSpace("member1")).isEqualTo("t1-kafleet.es.member1");
    assertThat(topics.templates()).isEqualTo("t1-kafleet.templates");
    assertThat(topics.query("member2")).isEqualTo("t1-kafleet.query.member2");
    assertThat(topics.queryReply("member2")).isEqualTo("t1-kafleet.query-reply.member2");
  }

  @Test
  void refusesClusterNamesThatAreNotDnsLabels() {
    assertThatThrownBy(() -> Topics.DEFAULT.executionSpace("Member_1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Member_1")
        .hasMessageContaining("DNS label");
    assertThatThrownBy(() -> Topics.DEFAULT.query("../member2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DNS label");
    assertThatThrownBy(() -> Topics.DEFAULT.queryReply(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DNS label");
    assertThat(Topics.isValidClusterName("a".repeat(64))).isFalse();
    assertThat(Topics.isValidClusterName("member-1")).isTrue();
  }
}
