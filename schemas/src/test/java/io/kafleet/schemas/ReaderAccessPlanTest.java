package io.kafleet.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class ReaderAccessPlanTest {

  @Test
  void aReaderReadsTheEventTopicsAndConsumesInGroupsOfItsPrefixOnly() {
    ReaderAccessPlan plan = ReaderAccessPlan.of("grafana", "grafana-", Topics.DEFAULT);

    assertThat(plan.user()).isEqualTo("kafleet-reader-grafana");
    assertThat(plan.principal()).isEqualTo("User:kafleet-reader-grafana");
    assertThat(plan.bindings().stream().map(ReaderAccessPlanTest::describe))
        .containsExactlyInAnyOrder(
            "TOPIC LITERAL kafleet.placement.events READ",
            "TOPIC LITERAL kafleet.placement.events DESCRIBE",
            "TOPIC LITERAL kafleet.traffic.events READ",
            "TOPIC LITERAL kafleet.traffic.events DESCRIBE",
            "GROUP PREFIXED grafana- READ");
    for (AclBinding binding : plan.bindings()) {
      assertThat(binding.entry().principal()).isEqualTo(plan.principal());
      assertThat(binding.entry().host()).isEqualTo("*");
      assertThat(binding.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
    }
  }

  @Test
  void followsTheTopicPrefixInTheEventTopics() {
    assertThat(ReaderAccessPlan.eventTopics(new Topics("fleet-a.")))
        .containsExactly("fleet-a.kafleet.placement.events", "fleet-a.kafleet.traffic.events");
  }

  @Test
  void aNameThatIsNotADnsLabelOrAnEmptyPrefixIsRefused() {
    assertThatThrownBy(() -> ReaderAccessPlan.of("Grafana", "grafana-", Topics.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Grafana' is not a DNS label");
    assertThatThrownBy(() -> ReaderAccessPlan.of("grafana", "", Topics.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("group prefix");
    assertThat(ReaderAccessPlan.defaultGroupPrefix("grafana")).isEqualTo("grafana-");
  }

  @Test
  void kafleetsOwnGroupsAreCoveredByAPrefixThatStartsThemOrLiesInsideThem() {
    Topics topics = new Topics("t1.");
    List<ResourcePattern> kafleet = ReaderAccessPlan.kafleetGroups(topics);

    for (String tooBroad :
        List.of(
            "k", "kafleet", "kafleet-", "kafleet-agent-m1", "t1.", "t1.kafleet-traffic-x", "s")) {
      assertThat(kafleet.stream().anyMatch(groups -> ReaderAccessPlan.covers(tooBroad, groups)))
          .as(tooBroad)
          .isTrue();
    }
    for (String clear : List.of("grafana-", "t2.", "team-a.", "kaf-", "t1-")) {
      assertThat(kafleet.stream().noneMatch(groups -> ReaderAccessPlan.covers(clear, groups)))
          .as(clear)
          .isTrue();
    }
  }

  @Test
  void aLiteralGroupIsCoveredOnlyByAPrefixOfItsName() {
    ResourcePattern leader =
        new ResourcePattern(ResourceType.GROUP, "t1.kafleet.placement.leader", PatternType.LITERAL);

    assertThat(ReaderAccessPlan.covers("t1.kafleet.", leader)).isTrue();
    assertThat(ReaderAccessPlan.covers("t1.kafleet.placement.leader-x", leader)).isFalse();
  }

  private static String describe(AclBinding binding) {
    return binding.pattern().resourceType()
        + " "
        + binding.pattern().patternType()
        + " "
        + binding.pattern().name()
        + " "
        + binding.entry().operation();
  }
}
