package io.kafleet.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class ControlPlaneAccessTest {

  @Test
  void placementOwnsItsTopicsAndTheExecutionSpacesAndMayAlterTheClusterForJoins() {
    assertThat(describe(ControlPlaneAccess.placement(Topics.DEFAULT)))
        .containsExactlyInAnyOrder(
            "TOPIC LITERAL kafleet.templates CREATE READ WRITE DESCRIBE",
            "TOPIC LITERAL kafleet.policies CREATE READ WRITE DESCRIBE",
            "TOPIC LITERAL kafleet.clusters CREATE READ WRITE DESCRIBE",
            "TOPIC LITERAL kafleet.schedules CREATE READ WRITE DESCRIBE",
            "TOPIC LITERAL kafleet.placement.events CREATE READ WRITE DESCRIBE",
            "TOPIC LITERAL kafleet.placement.leader CREATE READ DESCRIBE",
            "TOPIC LITERAL kafleet.traffic.shifts CREATE READ DESCRIBE",
            "TOPIC LITERAL kafleet.traffic.events READ DESCRIBE",
            "TOPIC LITERAL kafleet.rollout.requests CREATE WRITE DESCRIBE",
            "TOPIC PREFIXED kafleet.es. CREATE READ WRITE DESCRIBE",
            "TOPIC PREFIXED kafleet.status. CREATE READ DESCRIBE",
            "TOPIC PREFIXED kafleet.query. CREATE WRITE DESCRIBE",
            "TOPIC PREFIXED kafleet.query-reply. CREATE READ DESCRIBE",
            "GROUP PREFIXED kafleet-placement READ",
            "GROUP LITERAL kafleet.placement.leader READ",
            "TRANSACTIONAL_ID LITERAL kafleet-placement- WRITE DESCRIBE",
            "CLUSTER LITERAL kafka-cluster ALTER");
  }

  @Test
  void trafficReadsTheFleetAndWritesOnlyItsOwnTopics() {
    assertThat(describe(ControlPlaneAccess.traffic(Topics.DEFAULT)))
        .containsExactlyInAnyOrder(
            "TOPIC LITERAL kafleet.traffic.shifts CREATE READ WRITE DESCRIBE",
            "TOPIC LITERAL kafleet.traffic.events CREATE READ WRITE DESCRIBE",
            "TOPIC LITERAL kafleet.rollout.requests CREATE READ WRITE DESCRIBE",
            "TOPIC LITERAL kafleet.templates READ DESCRIBE",
            "TOPIC PREFIXED kafleet.es. READ DESCRIBE",
            "TOPIC PREFIXED kafleet.status. READ DESCRIBE",
            "TOPIC LITERAL kafleet.traffic.leader CREATE READ DESCRIBE",
            "GROUP PREFIXED kafleet-traffic- READ",
            "GROUP LITERAL kafleet.traffic.leader READ",
            "TRANSACTIONAL_ID LITERAL kafleet-traffic- WRITE DESCRIBE");
  }

  @Test
  void theRegistryHasItsStoreTopicOnly() {
    assertThat(describe(ControlPlaneAccess.registry("_kafleet-schemas")))
        .containsExactly(
            "TOPIC LITERAL _kafleet-schemas CREATE READ WRITE DESCRIBE DESCRIBE_CONFIGS");
  }

  @Test
  void theEventsReaderReadsTheEventTopicsAndConsumesInItsOwnGroupsOnly() {
    assertThat(describe(ControlPlaneAccess.eventsReader(Topics.DEFAULT)))
        .containsExactly(
            "TOPIC LITERAL kafleet.placement.events READ DESCRIBE",
            "TOPIC LITERAL kafleet.traffic.events READ DESCRIBE",
            "GROUP PREFIXED kafleet-events- READ");
    assertThat(describe(ControlPlaneAccess.eventsReader(new Topics("fleet-a."))))
        .contains("GROUP PREFIXED fleet-a.kafleet-events- READ");
  }

  @Test
  void onlyPlacementHasARightOnTheClusterAndEveryEntryIsAnAllowOfItsOwnPrincipal() {
    for (ControlPlaneAccess service : ControlPlaneAccess.all(Topics.DEFAULT)) {
      for (AclBinding binding : service.bindings()) {
        assertThat(binding.entry().principal()).as("%s", binding).isEqualTo(service.principal());
        assertThat(binding.entry().host()).as("%s", binding).isEqualTo("*");
        assertThat(binding.entry().permissionType())
            .as("%s", binding)
            .isEqualTo(AclPermissionType.ALLOW);
        assertThat(binding.entry().operation()).as("%s", binding).isNotEqualTo(AclOperation.ALL);
        if (binding.pattern().resourceType() == ResourceType.CLUSTER) {
          assertThat(service.user()).as("%s", binding).isEqualTo("kafleet-placement");
        }
      }
    }
  }

  @Test
  void followsTheTopicPrefixInTopicsGroupsAndTransactionalIds() {
    Topics topics = new Topics("fleet-a.");

    assertThat(describe(ControlPlaneAccess.placement(topics)))
        .contains(
            "TOPIC PREFIXED fleet-a.kafleet.es. CREATE READ WRITE DESCRIBE",
            "GROUP PREFIXED fleet-a.kafleet-placement READ",
            "GROUP LITERAL fleet-a.kafleet.placement.leader READ",
            "TRANSACTIONAL_ID LITERAL kafleet-placement-fleet-a. WRITE DESCRIBE");
    assertThat(describe(ControlPlaneAccess.traffic(topics)))
        .contains(
            "GROUP PREFIXED fleet-a.kafleet-traffic- READ",
            "GROUP LITERAL fleet-a.kafleet.traffic.leader READ",
            "TRANSACTIONAL_ID LITERAL kafleet-traffic-fleet-a. WRITE DESCRIBE");
  }

  @Test
  void theSecurityDocListsExactlyThisPlan() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "security.md"));

    assertThat(doc)
        .contains(ControlPlaneAccess.markdownTable(ControlPlaneAccess.all(Topics.DEFAULT)));
  }

  @Test
  void theComposeInitScriptGrantsExactlyThisPlan() throws IOException {
    List<String> script =
        Files.readAllLines(Path.of("..", "deploy", "compose", "kafka-init.sh")).stream()
            .map(String::strip)
            .filter(
                line ->
                    line.startsWith("acl kafleet-placement ")
                        || line.startsWith("acl kafleet-traffic ")
                        || line.startsWith("acl kafleet-events "))
            .toList();

    List<String> expected =
        List.of(
                ControlPlaneAccess.placement(Topics.DEFAULT),
                ControlPlaneAccess.traffic(Topics.DEFAULT),
                ControlPlaneAccess.eventsReader(Topics.DEFAULT))
            .stream()
            .flatMap(
                access ->
                    describe(access).stream()
                        .map(line -> "acl " + access.user() + " " + asScriptArguments(line)))
            .toList();
    assertThat(script).containsExactlyElementsOf(expected);
  }

  /** "TOPIC PREFIXED kafleet.es. READ" as the script's "prefixed --topic kafleet.es. READ". */
  private static String asScriptArguments(String described) {
    String[] parts = described.split(" ", 3);
    return parts[1].toLowerCase(java.util.Locale.ROOT)
        + " --"
        + parts[0].toLowerCase(java.util.Locale.ROOT).replace('_', '-')
        + " "
        + parts[2];
  }

  /** One line per resource pattern: type, pattern type, name, then its operations in order. */
  private static List<String> describe(ControlPlaneAccess access) {
    return access.bindings().stream()
        .map(AclBinding::pattern)
        .distinct()
        .map(
            pattern ->
                pattern.resourceType()
                    + " "
                    + pattern.patternType()
                    + " "
                    + pattern.name()
                    + access.bindings().stream()
                        .filter(binding -> binding.pattern().equals(pattern))
                        .map(binding -> " " + binding.entry().operation())
                        .reduce("", String::concat))
        .toList();
  }
}
