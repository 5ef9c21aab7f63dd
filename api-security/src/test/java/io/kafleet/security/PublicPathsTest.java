package io.kafleet.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicPathsTest {

  @Test
  void keepsItsPatternsAsGiven() {
    List<String> given = new ArrayList<>(List.of("/", "/console/**"));
    PublicPaths paths = new PublicPaths(given);
    given.add("/api/v1/**");

    assertThat(paths.patterns()).containsExactly("/", "/console/**");
  }

  @Test
  void aPatternThatIsNotAnAbsolutePathIsRefusedNamingIt() {
    assertThatThrownBy(() -> PublicPaths.of("/console/**", "console/**"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a public path pattern must start with '/': 'console/**'");
    assertThatThrownBy(() -> new PublicPaths(java.util.Arrays.asList("/", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'null'");
  }
}
