package io.kafleet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafleet.schemas.AgentGroups;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

  @Test
  void aStaticMemberIsNamedAfterItsGroupAndTopicSoThatARestartedAgentIsTheSameMember() {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, AgentGroups.works("member1"));

    KafkaClients.staticMember(config, "kafleet.es.member1");

    assertThat(config)
        .containsEntry(
            ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "kafleet-agent-member1_kafleet.es.member1")
        .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "kafleet-agent-member1");
  }

  @Test
  void aConsumerOfOtherTopicsInTheSameGroupIsAnotherMember() {
    Map<String, Object> one = new HashMap<>();
    one.put(ConsumerConfig.GROUP_ID_CONFIG, AgentGroups.queries("member1"));
    Map<String, Object> other = new HashMap<>(one);

    assertThat(
            KafkaClients.staticMember(one, "a.kafleet.query.member1")
                .get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))
        .isNotEqualTo(
            KafkaClients.staticMember(other, "b.kafleet.query.member1")
                .get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
  }

  @Test
  void theAgentsTwoGroupsHaveDistinctMembers() {
    Map<String, Object> works = new HashMap<>();
    works.put(ConsumerConfig.GROUP_ID_CONFIG, AgentGroups.works("member1"));
    Map<String, Object> queries = new HashMap<>();
    queries.put(ConsumerConfig.GROUP_ID_CONFIG, AgentGroups.queries("member1"));

    assertThat(
            KafkaClients.staticMember(works, "kafleet.es.member1")
                .get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))
        .isNotEqualTo(
            KafkaClients.staticMember(queries, "kafleet.query.member1")
                .get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
  }

  @Test
  void aConsumerWithoutAGroupCannotBeAStaticMember() {
    assertThatThrownBy(() -> KafkaClients.staticMember(new HashMap<>(), "kafleet.es.member1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("group.id");
  }
}
