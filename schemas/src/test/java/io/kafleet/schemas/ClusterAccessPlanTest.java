package io.kafleet.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterAccessPlanTest {

  @Test
  void theAgentReadsItsWorkAndQueriesInItsOwnGroupsAndWritesItsStatusAndReplies() {
    ClusterAccessPlan plan = ClusterAccessPlan.of("member1", Topics.DEFAULT);

    assertThat(plan.principal()).isEqualTo("User:kafleet-agent-member1");
    assertThat(plan.bindings().stream().map(ClusterAccessPlanTest::describe))
        .containsExactlyInAnyOrder(
            "TOPIC kafleet.es.member1 READ",
            "TOPIC kafleet.es.member1 DESCRIBE",
            "TOPIC kafleet.query.member1 READ",
            "TOPIC kafleet.query.member1 DESCRIBE",
            "TOPIC kafleet.status.member1 WRITE",
            "TOPIC kafleet.status.member1 DESCRIBE",
            "TOPIC kafleet.query-reply.member1 WRITE",
            "TOPIC kafleet.query-reply.member1 DESCRIBE",
            "GROUP kafleet-agent-member1 READ",
            "GROUP kafleet-agent-query-member1 READ");
  }

  @Test
  void everyBindingAllowsOnlyTheAgentOnOneNamedResource() {
    ClusterAccessPlan plan = ClusterAccessPlan.of("member1", Topics.DEFAULT);

    for (AclBinding binding : plan.bindings()) {
      assertThat(binding.entry().principal()).as("%s", binding).isEqualTo(plan.principal());
      assertThat(binding.entry().permissionType())
          .as("%s", binding)
          .isEqualTo(AclPermissionType.ALLOW);
      assertThat(binding.pattern().patternType()).as("%s", binding).isEqualTo(PatternType.LITERAL);
      assertThat(binding.pattern().name()).as("%s", binding).endsWith("member1");
    }
  }

  @Test
  void followsTheTopicPrefixButNotInGroupNames() {
    ClusterAccessPlan plan = ClusterAccessPlan.of("edge-7", new Topics("fleet-a."));

    assertThat(plan.bindings().stream().map(ClusterAccessPlanTest::describe))
        .contains(
            "TOPIC fleet-a.kafleet.es.edge-7 READ",
            "TOPIC fleet-a.kafleet.status.edge-7 WRITE",
            "GROUP kafleet-agent-edge-7 READ");
  }

  @Test
  void joiningCreatesTheFourTopicsOfTheCluster() {
    ClusterAccessPlan plan =
        ClusterAccessPlan.of(
            "member2",
            Topics.DEFAULT,
            ClusterAccessPlan.agentConsumerGroups("member2"),
            Optional.of((short) 3));

    assertThat(plan.topics().stream().map(ClusterAccessPlanTest::describe))
        .containsExactly(
            "kafleet.es.member2 x1 r3 compact",
            "kafleet.status.member2 x1 r3 compact",
            "kafleet.query.member2 x1 r3 delete",
            "kafleet.query-reply.member2 x1 r3 delete");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"Member1", "member_1", "-member1", "member1-", "a.b", "member1.example"})
  void refusesAClusterNameThatIsNotADnsLabel(String cluster) {
    assertThatThrownBy(() -> ClusterAccessPlan.of(cluster, Topics.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cluster name '" + cluster + "' is not a DNS label");
  }

  @Test
  void refusesAClusterNameLongerThan63Characters() {
    assertThatThrownBy(() -> ClusterAccessPlan.of("x".repeat(64), Topics.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a DNS label");
  }

  @Test
  void refusesAnAgentWithoutConsumerGroups() {
    assertThatThrownBy(
            () -> ClusterAccessPlan.of("member1", Topics.DEFAULT, List.of(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("consumer group");
  }

  private static String describe(AclBinding binding) {
    return binding.pattern().resourceType()
        + " "
        + binding.pattern().name()
        + " "
        + binding.entry().operation();
  }

  private static String describe(NewTopic topic) {
    return topic.name()
        + " x"
        + topic.numPartitions()
        + " r"
        + topic.replicationFactor()
        + " "
        + topic.configs().get("cleanup.policy");
  }
}
