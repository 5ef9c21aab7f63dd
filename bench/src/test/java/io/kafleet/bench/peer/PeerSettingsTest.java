package io.kafleet.bench.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerSettingsTest {

  @TempDir Path bin;
  @TempDir Path source;

  @Test
  void quickAndFullRunsDifferInSizeOnly() throws Exception {
    Files.createDirectories(source.resolve("charts/karmada/_crds"));
    PeerSettings quick =
        PeerSettings.parse(
            List.of(
                "--karmada-bin", bin.toString(), "--karmada-source", source.toString(), "--quick"));
    PeerSettings full =
        PeerSettings.parse(
            List.of(
                "--karmada-bin",
                bin.toString(),
                "--karmada-source",
                source.toString(),
                "--members",
                "3"));
    assertThat(quick.restartObjects()).isEqualTo(2000);
    assertThat(full.restartObjects()).isEqualTo(10_000);
    assertThat(full.memberNames()).containsExactly("member1", "member2", "member3");
  }

  @Test
  void aSourceTreeWithoutKarmadasCrdsIsRefused() {
    assertThatThrownBy(
            () ->
                PeerSettings.parse(
                    List.of(
                        "--karmada-bin", bin.toString(), "--karmada-source", source.toString())))
        .hasMessageContaining("--karmada-source");
  }

  @Test
  void aMemberCountMustBePositive() throws Exception {
    Files.createDirectories(source.resolve("charts/karmada/_crds"));
    assertThatThrownBy(
            () ->
                PeerSettings.parse(
                    List.of(
                        "--karmada-bin",
                        bin.toString(),
                        "--karmada-source",
                        source.toString(),
                        "--members",
                        "0")))
        .hasMessage("--members must be a positive number, not 0");
  }
}
