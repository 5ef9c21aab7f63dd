package io.kafleet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioTest {

  /** The seed scenarios, as the launcher passes them: examples/ under the project root. */
  static final Path SCENARIOS = projectRoot().resolve("examples");

  @Test
  void bookinfoIsItsFolderUnchanged() {
    Scenario bookinfo = Scenario.named("bookinfo", SCENARIOS, List.of("member1", "member2"));

    assertThat(bookinfo.files())
        .as("files of bookinfo")
        .containsExactly(
            new Scenario.ScenarioFile(SCENARIOS.resolve("bookinfo"), java.util.Map.of()));
    assertThat(bookinfo.nextSteps()).contains("./kafleet get deployments -m member2");
  }

  @Test
  void podinfoAppliesItsFilesInTheSeedsOrderWithTheClusterIdsFilledIn() throws Exception {
    Scenario podinfo = Scenario.named("podinfo", SCENARIOS, List.of("east", "west"));

    assertThat(podinfo.files().stream().map(f -> f.source().getFileName().toString()))
        .as("files of podinfo, in order")
        .containsExactly(
            "base.yaml",
            "application.yaml",
            "gateway.yaml",
            "destinationrule.yaml",
            "virtualservice-blue.yaml");
    Scenario.ScenarioFile application = podinfo.files().get(1);
    String filled = application.text(Files.readString(application.source()));
    assertThat(filled)
        .as("application.yaml with its placeholders replaced")
        .contains("[\"east\",\"west\"]")
        .doesNotContain("<clusterid");
    assertThat(podinfo.files().get(0).replacements()).as("base.yaml is applied as is").isEmpty();
    assertThat(podinfo.nextSteps())
        .contains("./kafleet traffic set podinfo --weights green=80,blue=20 --wait");
  }

  @Test
  void podinfoNeedsTwoClusters() {
    assertThatThrownBy(() -> Scenario.named("podinfo", SCENARIOS, List.of("member1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two member clusters")
        .hasMessageContaining("has 1 (member1)");
  }

  @Test
  void anUnknownScenarioListsTheKnownOnes() {
    assertThatThrownBy(() -> Scenario.named("bookinf", SCENARIOS, List.of("member1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown scenario 'bookinf'; known: bookinfo, podinfo");
  }

  @Test
  void aMissingScenariosFolderNamesThePath(@TempDir Path nowhere) {
    assertThatThrownBy(() -> Scenario.named("bookinfo", nowhere, List.of("member1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(nowhere.resolve("bookinfo") + " does not exist");
  }

  private static Path projectRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no directory holding mvnw at or above " + Path.of("").toAbsolutePath());
  }
}
