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
  void aStaticMemberIsNamedAfterItsGroupSoThatARestartedAgentIsTheSameMember() {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, AgentGroups.works("member1"));

    KafkaClients.staticMember(config);

    assertThat(config)
        .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "kafleet-agent-member1")
        .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "kafleet-agent-member1");
  }

  @Test
  void theAgentsTwoGroupsHaveDistinctMembers() {
    Map<String, Object> works = new HashMap<>();
    works.put(ConsumerConfig.GROUP_ID_CONFIG, AgentGroups.works("member1"));
    Map<String, Object> queries = new HashMap<>();
    queries.put(ConsumerConfig.GROUP_ID_CONFIG, AgentGroups.queries("member1"));

    assertThat(KafkaClients.staticMember(works).get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))
        .isNotEqualTo(
            KafkaClients.staticMember(queries).get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
  }

  @Test
  void aConsumerWithoutAGroupCannotBeAStaticMember() {
    assertThatThrownBy(() -> KafkaClients.staticMember(new HashMap<>()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("group.id");
  }
}
