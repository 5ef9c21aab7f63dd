package io.kafleet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevStackSettingsTest {

  @Test
  void aMemberMayBeGivenTheRegionItsAgentReports() {
    DevStackSettings settings = settings(List.of("member1@eu-west", "member2", "member3@us-east"));

    assertThat(settings.clusters()).containsExactly("member1", "member2", "member3");
    assertThat(settings.regions()).isEqualTo(Map.of("member1", "eu-west", "member3", "us-east"));
    assertThat(settings.withMockClusters().regions()).isEqualTo(settings.regions());
  }

  @Test
  void refusesAMemberNamedWithoutARegionAfterTheAt() {
    assertThatThrownBy(() -> settings(List.of("member1@")))
        .hasMessage("'member1@' names no region after '@' (name@region)");
    assertThatThrownBy(() -> settings(List.of("Member1@eu-west")))
        .hasMessageContaining("cluster name 'Member1' is not a DNS label");
  }

  private static DevStackSettings settings(List<String> clusters) {
    return new DevStackSettings(Path.of("state"), 0, 0, 0, 0, clusters);
  }
}
