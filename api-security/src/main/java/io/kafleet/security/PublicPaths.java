package io.kafleet.security;

import java.util.List;
import java.util.Objects;

/**
 * Paths a module serves to callers without a token, such as the console's page and scripts (the
 * APIs those call stay protected). {@link ApiSecurityConfiguration} opens the paths of every such
 * bean; patterns are Spring's path patterns ({@code /console/**}).
 */
public record PublicPaths(List<String> patterns) {

  public PublicPaths {
    Objects.requireNonNull(patterns, "patterns");
    for (String pattern : patterns) {
      if (pattern == null || !pattern.startsWith("/")) {
        throw new IllegalArgumentException(
            "a public path pattern must start with '/': '" + pattern + "'");
      }
    }
    patterns = List.copyOf(patterns);
  }

  public static PublicPaths of(String... patterns) {
    return new PublicPaths(List.of(patterns));
  }
}
